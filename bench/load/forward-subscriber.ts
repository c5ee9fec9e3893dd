// Baseline load, receiving side: one QoS 1 subscriber to `bench/#`; counts
// what is delivered inside the measurement window.
import { childOptions, onParent, sleep, toParent, watchdog } from '../lib/child.ts'
import { RawClient } from '../lib/mqtt-wire.ts'

const opts = childOptions<{ port: number, maxMs: number }>()
watchdog(opts.maxMs)

const client = await RawClient.connect({ port: opts.port, clientId: `bench-sub-${process.pid}` })
let total = 0
let windowStart = Infinity
let windowEnd = -Infinity
let inWindow = 0
client.onMessage = () => {
  total++
  const now = performance.now()
  if (now >= windowStart && now < windowEnd) inWindow++
}
await client.subscribe('bench/#', 1)

onParent(async message => {
  if (message.type === 'go') {
    const warmupMs = message.warmupMs as number
    const durationMs = message.durationMs as number
    const t0 = performance.now()
    windowStart = t0 + warmupMs
    windowEnd = t0 + durationMs
    await sleep(durationMs + 500)
    toParent({ type: 'result', delivered: inWindow, windowMs: durationMs - warmupMs, total })
  } else if (message.type === 'stop') {
    client.end()
    process.exit(0)
  }
})
toParent({ type: 'ready' })
