// Baseline load, sending side: N QoS 1 publishers, each keeping `window`
// publishes in flight, until the duration or the message count runs out.
import { childOptions, onParent, sleep, toParent, watchdog } from '../lib/child.ts'
import { RawClient } from '../lib/mqtt-wire.ts'

const opts = childOptions<{ port: number, publishers: number, window: number, payloadBytes: number, maxMs: number }>()
watchdog(opts.maxMs)

const clients = await Promise.all(Array.from({ length: opts.publishers }, (_, i) =>
  RawClient.connect({ port: opts.port, clientId: `bench-pub-${process.pid}-${i}` })))
const payload = Buffer.from(JSON.stringify({ eventId: 'e'.repeat(20), ts: Date.now(), pad: 'x'.repeat(Math.max(0, opts.payloadBytes - 60)) }))

onParent(async message => {
  if (message.type === 'go') {
    const durationMs = message.durationMs as number
    const maxMessages = message.maxMessages as number
    const deadline = performance.now() + durationMs
    let sent = 0
    let acked = 0
    const pump = (c: RawClient, topic: string) => {
      while (c.inFlight() < opts.window && sent < maxMessages && performance.now() < deadline) {
        sent++
        c.publish(topic, payload, 1, () => { acked++; pump(c, topic) })
      }
    }
    clients.forEach((c, i) => pump(c, `bench/${i}`))
    await sleep(durationMs + 300)
    toParent({ type: 'result', sent, acked })
  } else if (message.type === 'stop') {
    for (const c of clients) c.end()
    process.exit(0)
  }
})
toParent({ type: 'ready' })
