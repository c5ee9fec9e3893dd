// Our figure 2 load: swipes at a fixed rate spread over the kiosks, open loop
// (scheduled on a timer, never waiting for replies); latency from the
// scheduled send time to the `open` command for that swipe.
import { childOptions, onParent, sleep, toParent, watchdog } from '../lib/child.ts'
import { cardUid, connectKiosks, deviceId, indices, type Fleet } from '../lib/fleet.ts'
import type { RawClient } from '../lib/mqtt-wire.ts'
import { openLoop } from '../lib/open-loop.ts'
import { latencySummary, unanswered } from '../lib/stats.ts'

const opts = childOptions<{ port: number, fleet: Fleet, connectRatePerS: number, maxMs: number }>()
watchdog(opts.maxMs)
const { fleet } = opts

const ids = indices(fleet)
const conn = await connectKiosks(fleet, opts)

onParent(async message => {
  if (message.type === 'go') {
    const { ratePerS, durationMs, warmupMs } = message as unknown as { ratePerS: number, durationMs: number, warmupMs: number }
    const scheduledAt = new Map<string, number>()
    const latencies: number[] = []
    let measuredFrom = Infinity
    let denied = 0
    conn.clients.forEach(c => {
      c.onMessage = (topic, payload) => {
        if (!topic.endsWith('/commands')) return
        const cmd = JSON.parse(payload.toString()) as { type: string, swipeEventId?: string }
        const at = cmd.swipeEventId != null ? scheduledAt.get(cmd.swipeEventId) : undefined
        if (at == null) return
        scheduledAt.delete(cmd.swipeEventId as string)
        if (cmd.type !== 'open') { denied++; return }
        if (at >= measuredFrom) latencies.push(performance.now() - at)
      }
    })
    const run = openLoop(ratePerS, durationMs, (seq, at) => {
      const k = seq % conn.clients.length
      const i = ids[k] as number
      const eventId = `w${process.pid}-${seq}`
      scheduledAt.set(eventId, at)
      ;(conn.clients[k] as RawClient).publish(`devices/${deviceId(fleet, i)}/events/swipe`, JSON.stringify({ eventId, ts: Date.now(), card: cardUid(fleet, i), method: 'card' }), 1)
    })
    measuredFrom = run.startedAt + warmupMs
    const sent = await run.done
    await sleep(1500)
    const lost = unanswered(scheduledAt, measuredFrom, latencies)
    toParent({ type: 'result', sent, lost, denied, ...latencySummary(latencies) })
  } else if (message.type === 'stop') {
    for (const c of conn.clients) c.end()
    process.exit(0)
  }
})
toParent({ type: 'ready', connected: conn.clients.length, connectMs: conn.elapsedMs })
