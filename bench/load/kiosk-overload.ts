// Overload load: kiosks publish swipes (QoS 1), each with at most `window`
// unacknowledged, as a device with a local outbox does. First at full window
// for `calibrateMs` (what is acked per second is the capacity), then offered
// at 3× that capacity for `overloadMs` (a publish that finds its kiosk's
// window full stays in the kiosk's outbox: counted as deferred), then at half
// the capacity for `afterMs`. PUBACK latency from send to ack, per phase; the
// calibration's publishes still in flight go on into the overload.
import { childOptions, onParent, sleep, toParent, watchdog } from '../lib/child.ts'
import { cardUid, connectKiosks, deviceId, indices, type Fleet } from '../lib/fleet.ts'
import type { RawClient } from '../lib/mqtt-wire.ts'
import { openLoop } from '../lib/open-loop.ts'
import { latencySummary } from '../lib/stats.ts'

const opts = childOptions<{ port: number, fleet: Fleet, connectRatePerS: number, maxMs: number }>()
watchdog(opts.maxMs)
const { fleet } = opts
const ids = indices(fleet)
const conn = await connectKiosks(fleet, opts)
const clients = conn.clients as RawClient[]


onParent(async message => {
  if (message.type === 'go') {
    const p = message as unknown as { calibrateMs: number, overloadMs: number, afterMs: number, window: number }
    let seq = 0
    let acked = 0
    const phaseLatencies: Record<'during' | 'after', number[]> = { during: [], after: [] }
    function send (k: number, phase: 'calibrate' | 'during' | 'after'): boolean {
      const c = clients[k] as RawClient
      if (c.inFlight() >= p.window) return false
      const i = ids[k] as number
      const sentAt = performance.now()
      c.publish(`devices/${deviceId(fleet, i)}/events/swipe`, JSON.stringify({ eventId: `o${process.pid}-${seq++}`, ts: Date.now(), card: cardUid(fleet, i) }), 1, () => {
        acked++
        if (phase !== 'calibrate') phaseLatencies[phase].push(performance.now() - sentAt)
        if (phase === 'calibrate' && performance.now() < calibrateEnd) send(k, phase)
      })
      return true
    }
    // calibrate: every window full, refilled on each ack; counted over the second half (the server has warmed up)
    let calibrateEnd = Infinity
    for (let k = 0; k < clients.length; k++) for (let w = 0; w < p.window; w++) send(k, 'calibrate')
    while (acked === 0) await sleep(5)
    calibrateEnd = performance.now() + p.calibrateMs
    await sleep(p.calibrateMs / 2)
    const ackedBefore = acked
    await sleep(p.calibrateMs / 2)
    const capacityPerS = (acked - ackedBefore) / (p.calibrateMs / 2000)
    let deferred = 0
    toParent({ type: 'phase', phase: 'during', capacityPerS })
    await openLoop(capacityPerS * 3, p.overloadMs, s => { if (!send(s % clients.length, 'during')) deferred++ }).done
    const ackedDuringPerS = phaseLatencies.during.length / (p.overloadMs / 1000)
    toParent({ type: 'phase', phase: 'after' })
    await openLoop(capacityPerS / 2, p.afterMs, s => { send(s % clients.length, 'after') }).done
    const deadline = performance.now() + 30_000
    while (clients.some(c => c.inFlight() > 0) && performance.now() < deadline) await sleep(20)
    const unacked = clients.reduce((n, c) => n + c.inFlight(), 0)
    toParent({ type: 'result', capacityPerS, offeredPerS: capacityPerS * 3, ackedDuringPerS, deferred, unacked, during: latencySummary(phaseLatencies.during), after: latencySummary(phaseLatencies.after) })
  } else if (message.type === 'stop') {
    for (const c of clients) c.end()
    process.exit(0)
  }
})
toParent({ type: 'ready', connected: clients.length })
