// The charging figures' load: piles written from docs/protocol.md §12. Each
// pile acks every command; on request it swipes its resident's card on port
// 1 and starts the session (`start`), sends meter values every `everyMs`
// with a random phase (`meter`, counting PUBACKs), or stops the session at a
// random moment within `spreadMs` and measures stop → PUBACK (`stop-sessions`): the
// PUBACK follows the commit of the transaction that settles the session.
import { childOptions, onParent, sleep, toParent, watchdog } from '../lib/child.ts'
import { connectMany } from '../lib/connect-many.ts'
import { deviceId, deviceSecret, indices, type Fleet } from '../lib/fleet.ts'
import type { RawClient } from '../lib/mqtt-wire.ts'
import { latencySummary } from '../lib/stats.ts'
import { pileCardUid } from '../setup/provision.ts'

const opts = childOptions<{ port: number, fleet: Fleet, maxMs: number }>()
watchdog(opts.maxMs)
const { fleet } = opts

interface Pile { i: number, id: string, client?: RawClient, sessionId: string | null, seq: number, energyWh: number, started: boolean, denied: boolean }
const piles: Pile[] = indices(fleet).map(i => ({ i, id: deviceId(fleet, i), sessionId: null, seq: 0, energyWh: 0, started: false, denied: false }))
let eventSeq = 0
let stoppedByBackend = 0
const eventId = () => `pe${process.pid}-${++eventSeq}`

function publish (p: Pile, type: string, body: Record<string, unknown>, onAck?: () => void): void {
  p.client?.publish(`devices/${p.id}/events/${type}`, JSON.stringify({ eventId: eventId(), ts: Date.now(), ...body }), 1, onAck)
}

function onCommand (p: Pile, topic: string, payload: Buffer): void {
  if (!topic.endsWith('/commands')) return
  const cmd = JSON.parse(payload.toString()) as { type: string, cmdId: string, sessionId?: string }
  publish(p, 'command-ack', { cmdId: cmd.cmdId, ok: true })
  if (cmd.type === 'start-charging' && p.sessionId == null && cmd.sessionId != null) {
    p.sessionId = cmd.sessionId
    publish(p, 'charging-started', { sessionId: p.sessionId, port: 1, seq: 0 }, () => { p.started = true })
  } else if (cmd.type === 'deny-charging') {
    p.denied = true
  } else if (cmd.type === 'stop-charging') {
    stoppedByBackend++
  }
}

async function waitFor (condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition() && Date.now() < deadline) await sleep(10)
}

const byId = new Map(piles.map(p => [p.id, p]))
const conn = await connectMany(piles.map(p => ({ id: p.id, secret: deviceSecret(fleet, p.i) })), {
  port: opts.port, ratePerS: 2000, concurrency: 100, deadlineMs: opts.maxMs / 2,
  subscribe: id => `devices/${id}/+`,
  onConnected: (c, login) => {
    const p = byId.get(login.id)!
    p.client = c
    c.onMessage = (topic, payload) => onCommand(p, topic, payload)
  }
})
if (conn.failed > 0) throw new Error(`${conn.failed} piles did not connect: ${conn.lastError ?? ''}`)

onParent(async message => {
  if (message.type === 'start') {
    const startedAt = Date.now()
    for (const [k, p] of piles.entries()) {
      publish(p, 'charging-swipe', { card: pileCardUid(p.i), port: 1 })
      if (k % 100 === 99) await sleep(50) // 2,000 swipes/s at most
    }
    await waitFor(() => piles.every(p => p.started || p.denied), 60_000)
    toParent({ type: 'started', started: piles.filter(p => p.started).length, denied: piles.filter(p => p.denied).length, ms: Date.now() - startedAt })
  } else if (message.type === 'meter') {
    const { everyMs, durationMs } = message as unknown as { everyMs: number, durationMs: number }
    const until = Date.now() + durationMs
    let sent = 0
    let acked = 0
    const timers: NodeJS.Timeout[] = []
    for (const p of piles.filter(x => x.started)) {
      const tick = () => {
        if (Date.now() >= until) return
        p.seq++
        p.energyWh += 3
        sent++
        publish(p, 'charging-meter', { sessionId: p.sessionId, port: 1, seq: p.seq, energyWh: p.energyWh, powerW: 300, voltageV: 54.2, temperatureC: 30 }, () => { acked++ })
        timers.push(setTimeout(tick, everyMs))
      }
      timers.push(setTimeout(tick, Math.random() * everyMs))
    }
    await sleep(durationMs)
    for (const t of timers) clearTimeout(t)
    await waitFor(() => acked === sent, 30_000)
    toParent({ type: 'metered', sent, acked })
  } else if (message.type === 'stop-sessions') {
    const { spreadMs } = message as unknown as { spreadMs: number }
    const latencies: number[] = []
    const live = piles.filter(x => x.started)
    for (const p of live) {
      setTimeout(() => {
        p.seq++
        const at = performance.now()
        publish(p, 'charging-stopped', { sessionId: p.sessionId, port: 1, seq: p.seq, reason: 'USER', energyWh: p.energyWh }, () => { latencies.push(performance.now() - at) })
      }, Math.random() * spreadMs)
    }
    await sleep(spreadMs)
    await waitFor(() => latencies.length === live.length, 30_000)
    toParent({ type: 'stopped', stops: live.length, acked: latencies.length, stoppedByBackend, ...latencySummary(latencies) })
  } else if (message.type === 'stop') {
    for (const p of piles) p.client?.end()
    process.exit(0)
  }
})
toParent({ type: 'ready', connected: conn.clients.length })
