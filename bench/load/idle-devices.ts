// Figure 3 load: many devices connect at a bounded rate, subscribe to their
// inbox and then only send a status heartbeat every 30 s (QoS 0, random
// phase), until told to stop.
import { childOptions, onParent, toParent, watchdog } from '../lib/child.ts'
import { connectMany } from '../lib/connect-many.ts'
import { deviceId, deviceSecret, indices, type Fleet } from '../lib/fleet.ts'

const opts = childOptions<{ port: number, fleet: Fleet, authenticate: boolean, connectRatePerS: number, heartbeatS: number, maxMs: number }>()
watchdog(opts.maxMs)
const { fleet } = opts

const ids = indices(fleet)
const conn = await connectMany(ids.map(i => ({ id: deviceId(fleet, i), secret: opts.authenticate ? deviceSecret(fleet, i) : undefined })), {
  port: opts.port, ratePerS: opts.connectRatePerS, concurrency: 100, keepaliveS: opts.heartbeatS * 2, subscribe: id => `devices/${id}/+`, deadlineMs: opts.maxMs / 2
})
let closed = 0
const started = Date.now()
const timers: NodeJS.Timeout[] = []
conn.clients.forEach((c, k) => {
  const id = deviceId(fleet, ids[k] as number)
  c.onClose = () => { closed++ }
  const beat = () => { if (c.connected) c.publish(`devices/${id}/status`, JSON.stringify({ ts: Date.now(), online: true, firmware: 'bench-1.0', uptimeS: Math.floor((Date.now() - started) / 1000), rssiDbm: -60 }), 0) }
  timers.push(setTimeout(() => { beat(); timers.push(setInterval(beat, opts.heartbeatS * 1000)) }, Math.random() * opts.heartbeatS * 1000))
})

onParent(message => {
  if (message.type === 'check') toParent({ type: 'check', open: conn.clients.length - closed })
  else if (message.type === 'stop') {
    for (const t of timers) clearTimeout(t)
    for (const c of conn.clients) c.end()
    process.exit(0)
  }
})
toParent({ type: 'ready', connected: conn.clients.length, failed: conn.failed, lastError: conn.lastError, connectMs: conn.elapsedMs })
