// Which store failures may pass by themselves (the server restarts, the disk
// fills up, a lock is busy) and which will fail the same event every time (a
// value the column cannot hold, a constraint, a bug for this one payload).
// A transient failure withholds PUBACK, so the device sends again later; a
// persistent one dead-letters the one event (STORE_REJECTED) so that it cannot
// block the device's queue forever.
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])
// SQLSTATE classes: 08 connection, 40 transaction rollback (serialization, deadlock),
// 53 insufficient resources, 57 operator intervention (shutdown), 58 system error
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58'])
const TRANSIENT_SQLITE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|NOMEM|PROTOCOL|INTERRUPT)/
const TRANSIENT_MESSAGES = /connection terminated|timeout exceeded when trying to connect|ingest worker|Connection terminated unexpectedly|pool (is|has) (ended|been destroyed)|driver has already been destroyed/i

export function isTransientStoreError (err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown, message?: unknown }
  if (typeof code === 'string') {
    if (TRANSIENT_NODE_CODES.has(code) || TRANSIENT_SQLITE.test(code)) return true
    if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2))) return true
  }
  return typeof message === 'string' && TRANSIENT_MESSAGES.test(message)
}
