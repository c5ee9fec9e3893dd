// Baseline: bare Aedes (the project's version), no auth, no hooks, in-memory
// persistence, on loopback. Sockets get noDelay like the backend's, so the
// round-trip baseline is not inflated by Nagle.
import { createServer, type AddressInfo } from 'node:net'
import { Aedes } from 'aedes'
import { childOptions, onParent, toParent, watchdog } from '../lib/child.ts'

const opts = childOptions<{ maxMs: number }>()
watchdog(opts.maxMs)

const aedes = await Aedes.createBroker()
const server = createServer(socket => { socket.setNoDelay(true); aedes.handle(socket) })
await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))

onParent(async message => {
  if (message.type === 'gc') {
    globalThis.gc?.()
    toParent({ type: 'gc-done', connected: aedes.connectedClients })
  } else if (message.type === 'stats') {
    toParent({ type: 'stats', connected: aedes.connectedClients })
  } else if (message.type === 'stop') {
    server.close()
    await new Promise<void>(resolve => aedes.close(() => resolve()))
    process.exit(0)
  }
})
toParent({ type: 'ready', port: (server.address() as AddressInfo).port })
