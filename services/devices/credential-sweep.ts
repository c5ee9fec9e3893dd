// Closes live connections whose credentials changed where this process did
// not see it happen: the operator CLI writes the store directly, and with
// several nodes the HTTP request may land on another one. Every interval it
// checks the devices connected here against the store: disabled, or a secret
// other than the one the connection was verified with → disconnected.
import type { Logger } from 'pino'
import type { Executor } from '../store/executor.ts'

export interface CredentialSweepDeps {
  db: Executor
  log: Logger
  connectedDeviceIds: () => string[]
  verifiedHashOf: (deviceId: string) => string | undefined
  disconnect: (deviceId: string) => void
}

export async function sweepCredentials (deps: CredentialSweepDeps): Promise<string[]> {
  const ids = deps.connectedDeviceIds()
  const closed: string[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await deps.db.selectFrom('devices').select(['id', 'status', 'secret_hash']).where('id', 'in', ids.slice(i, i + 500)).execute()
    for (const row of rows) {
      const verified = deps.verifiedHashOf(row.id)
      if (row.status !== 'active' || (verified != null && verified !== row.secret_hash)) {
        deps.disconnect(row.id)
        closed.push(row.id)
      }
    }
  }
  if (closed.length > 0) deps.log.info({ devices: closed }, 'connections closed: credentials changed')
  return closed
}

/** Runs the sweep every `intervalMs`; returns a stop function. */
export function startCredentialSweep (deps: CredentialSweepDeps, intervalMs: number): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    sweepCredentials(deps).catch((err: unknown) => deps.log.warn({ err }, 'credential sweep failed')).finally(() => { running = false })
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
