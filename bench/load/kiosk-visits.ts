// Our figure 1 load: each kiosk runs visits one after another, as a kiosk
// does: swipe → wait for `open` → deposit (QoS 1) → wait for `display`.
// Counts deposits whose display arrived inside the measurement window.
// `pauseMs` (default 0: back to back, at capacity) spaces a kiosk's visits:
// each waits a random 0 … 2 × pauseMs after the last (a kiosk's usual day).
import { childOptions, onParent, sleep, toParent, watchdog } from '../lib/child.ts'
import { cardUid, connectKiosks, deviceId, indices, type Fleet } from '../lib/fleet.ts'
import type { RawClient } from '../lib/mqtt-wire.ts'

const opts = childOptions<{ port: number, fleet: Fleet, connectRatePerS: number, maxMs: number }>()
watchdog(opts.maxMs)
const { fleet } = opts

const ids = indices(fleet)
const conn = await connectKiosks(fleet, opts)

onParent(async message => {
  if (message.type === 'go') {
    const { durationMs, warmupMs, maxVisits, pauseMs = 0 } = message as unknown as { durationMs: number, warmupMs: number, maxVisits: number, pauseMs?: number }
    const t0 = performance.now()
    const deadline = t0 + durationMs
    const windowStart = t0 + warmupMs
    let started = 0
    let displays = 0
    let displaysInWindow = 0
    let denied = 0
    let errors = 0
    let stalled = 0
    const visitMs: number[] = []
    const run = (client: RawClient, i: number) => {
      const id = deviceId(fleet, i)
      const card = cardUid(fleet, i)
      let n = 0
      let swipeId = ''
      let depositId = ''
      let visitStart = 0
      let timer: NodeJS.Timeout | null = null
      const next = () => {
        if (timer != null) clearTimeout(timer)
        if (pauseMs > 0) { timer = setTimeout(visit, Math.random() * 2 * pauseMs); return }
        visit()
      }
      const visit = () => {
        if (performance.now() >= deadline || started >= maxVisits) return
        started++
        n++
        swipeId = `s${process.pid}-${n}`
        visitStart = performance.now()
        // a visit that hears nothing for 10 s is counted and abandoned
        timer = setTimeout(() => { stalled++; next() }, 10_000)
        client.publish(`devices/${id}/events/swipe`, JSON.stringify({ eventId: swipeId, ts: Date.now(), card, method: 'card' }), 1)
      }
      client.onMessage = (topic, payload) => {
        if (topic.endsWith('/errors')) { errors++; return }
        const cmd = JSON.parse(payload.toString()) as { type: string, sessionId?: string, swipeEventId?: string, depositEventId?: string }
        if (cmd.type === 'open' && cmd.swipeEventId === swipeId) {
          depositId = `d${process.pid}-${n}`
          const lines = [{ category: 'plastic', grams: 500 + (n % 300) }, { category: 'paper', grams: 1200 }]
          client.publish(`devices/${id}/events/deposit`, JSON.stringify({ eventId: depositId, ts: Date.now(), sessionId: cmd.sessionId, lines }), 1)
        } else if (cmd.type === 'deny' && cmd.swipeEventId === swipeId) {
          denied++
          next()
        } else if (cmd.type === 'display' && cmd.depositEventId === depositId) {
          const now = performance.now()
          displays++
          if (now >= windowStart && now < deadline) { displaysInWindow++; visitMs.push(now - visitStart) }
          next()
        }
      }
      if (pauseMs > 0) next()
      else visit()
    }
    conn.clients.forEach((c, k) => run(c, ids[k] as number))
    await sleep(durationMs + 1500)
    visitMs.sort((a, b) => a - b)
    toParent({
      type: 'result', displaysInWindow, windowMs: durationMs - warmupMs, displays, started, denied, errors, stalled,
      visitP50Ms: visitMs[Math.floor(visitMs.length / 2)] ?? NaN, visitP99Ms: visitMs[Math.floor(visitMs.length * 0.99)] ?? NaN
    })
  } else if (message.type === 'stop') {
    for (const c of conn.clients) c.end()
    process.exit(0)
  }
})
toParent({ type: 'ready', connected: conn.clients.length, connectMs: conn.elapsedMs })
