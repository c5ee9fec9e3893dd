// Reconnect-storm load: waits for `go`, then connects its part of the fleet
// all at once (at most `concurrency` CONNACKs outstanding, no rate limit),
// reports how long until the last CONNACK, and holds the connections until
// told to stop.
import { childOptions, onParent, toParent, watchdog } from '../lib/child.ts'
import { connectMany } from '../lib/connect-many.ts'
import { deviceId, deviceSecret, indices, type Fleet } from '../lib/fleet.ts'
import type { RawClient } from '../lib/mqtt-wire.ts'

const opts = childOptions<{ port: number, fleet: Fleet, authenticate: boolean, concurrency: number, maxMs: number }>()
watchdog(opts.maxMs)
const { fleet } = opts
const logins = indices(fleet).map(i => ({ id: deviceId(fleet, i), secret: opts.authenticate ? deviceSecret(fleet, i) : undefined }))
let clients: RawClient[] = []

onParent(async message => {
  if (message.type === 'go') {
    const conn = await connectMany(logins, { port: opts.port, ratePerS: Number.POSITIVE_INFINITY, concurrency: opts.concurrency, deadlineMs: opts.maxMs / 2 })
    clients = conn.clients
    toParent({ type: 'result', connected: conn.clients.length, failed: conn.failed, lastError: conn.lastError, elapsedMs: conn.elapsedMs })
  } else if (message.type === 'stop') {
    for (const c of clients) c.end()
    process.exit(0)
  }
})
toParent({ type: 'ready' })
