// Round-trip baseline, the far end: echoes every `rtt/req/{i}` onto
// `rtt/resp/{i}` with QoS 1 (what the backend does with a swipe, minus the rules).
import { childOptions, onParent, toParent, watchdog } from '../lib/child.ts'
import { RawClient } from '../lib/mqtt-wire.ts'

const opts = childOptions<{ port: number, maxMs: number }>()
watchdog(opts.maxMs)

const client = await RawClient.connect({ port: opts.port, clientId: `bench-responder-${process.pid}` })
client.onMessage = (topic, payload) => client.publish(`rtt/resp/${topic.slice('rtt/req/'.length)}`, payload, 1)
await client.subscribe('rtt/req/+', 1)
onParent(message => {
  if (message.type === 'stop') { client.end(); process.exit(0) }
})
toParent({ type: 'ready' })
