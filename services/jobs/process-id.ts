// Who this process is when it holds a lease: host, pid and a random part, so
// a restarted process (same pid in a new container) is never mistaken for
// the one before it.
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'

export const processId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
