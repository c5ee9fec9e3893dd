// Round-trip baseline, the near end: open loop at a fixed rate over N
// connections (sends are scheduled on a timer, never wait for replies);
// latency counts from the scheduled send time, so stalls are not hidden.
import { childOptions, onParent, sleep, toParent, watchdog } from '../lib/child.ts'
import { RawClient } from '../lib/mqtt-wire.ts'
import { openLoop } from '../lib/open-loop.ts'
import { latencySummary, unanswered } from '../lib/stats.ts'

const opts = childOptions<{ port: number, connections: number, maxMs: number }>()
watchdog(opts.maxMs)

const clients = await Promise.all(Array.from({ length: opts.connections }, async (_, i) => {
  const c = await RawClient.connect({ port: opts.port, clientId: `bench-req-${process.pid}-${i}` })
  await c.subscribe(`rtt/resp/${i}`, 1)
  return c
}))

onParent(async message => {
  if (message.type === 'go') {
    const { ratePerS, durationMs, warmupMs } = message as unknown as { ratePerS: number, durationMs: number, warmupMs: number }
    const scheduledAt = new Map<number, number>()
    const latencies: number[] = []
    let measuredFrom = Infinity
    clients.forEach(c => {
      c.onMessage = (_topic, payload) => {
        const seq = payload.readUInt32BE(0)
        const at = scheduledAt.get(seq)
        if (at == null) return
        scheduledAt.delete(seq)
        if (at >= measuredFrom) latencies.push(performance.now() - at)
      }
    })
    const pad = Buffer.alloc(120, 0x78)
    const run = openLoop(ratePerS, durationMs, (seq, at) => {
      scheduledAt.set(seq, at)
      const payload = Buffer.concat([Buffer.alloc(4), pad])
      payload.writeUInt32BE(seq, 0)
      const i = seq % clients.length
      ;(clients[i] as RawClient).publish(`rtt/req/${i}`, payload, 1)
    })
    measuredFrom = run.startedAt + warmupMs
    const sent = await run.done
    await sleep(1000)
    const lost = unanswered(scheduledAt, measuredFrom, latencies)
    toParent({ type: 'result', sent, lost, ...latencySummary(latencies) })
  } else if (message.type === 'stop') {
    for (const c of clients) c.end()
    process.exit(0)
  }
})
toParent({ type: 'ready' })
