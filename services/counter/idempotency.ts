// Idempotency keys for HTTP mutations (Idempotency-Key header). A key is
// stored with a hash of the request and the response, in the same transaction
// as the effect: same key + same request → the stored response, nothing done
// again; same key + another request → IDEMPOTENCY_KEY_REUSED. Failed requests
// store nothing, so a client may retry them with the same key.
import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { transaction } from '../audit/audited-transaction.ts'
import { DomainError } from '../errors.ts'
import type { Database } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

export interface IdempotencyScope {
  /** Who the key belongs to, e.g. `redemption:<staffId>`: keys of different scopes never clash. */
  scope: string
  key: string
  /** The request as the client sent it (after validation). */
  request: unknown
}

export interface IdempotentResult<T> { statusCode: number, response: T, replayed: boolean }

/** Canonical JSON (sorted keys) hashed with SHA-256. */
export function requestHash (request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex')
}

function canonicalJson (value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value != null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * Runs `effect` once per (scope, key) in one transaction with the stored key.
 * Two concurrent first uses of a key: one commits, the other fails (on the
 * primary key, the ledger's unique key, or a refusal the winner's effect
 * caused) and then replays the winner.
 */
export async function idempotent<T> (
  db: Kysely<Database>,
  id: IdempotencyScope,
  effect: (trx: Transaction<Database>) => Promise<{ statusCode: number, response: T }>,
  nowMs = Date.now()
): Promise<IdempotentResult<T>> {
  const hash = requestHash(id.request)
  try {
    return await transaction(db, async trx => {
      const earlier = await storedResult<T>(trx, id, hash)
      if (earlier != null) return earlier
      const { statusCode, response } = await effect(trx)
      await trx.insertInto('idempotency_keys').values({
        scope: id.scope, key: id.key, request_hash: hash, status_code: statusCode, response: JSON.stringify(response), created_at_ms: nowMs
      }).execute()
      return { statusCode, response, replayed: false }
    })
  } catch (err) {
    // also after a refusal: the loser of a race may be refused by what the winner did (the pile's
    // port it took, the stock it took) before reaching the key's insert; the winner's answer is its answer
    const winner = await storedResult<T>(db, id, hash)
    if (winner != null) return winner
    throw err
  }
}

async function storedResult<T> (db: Executor, id: IdempotencyScope, hash: string): Promise<IdempotentResult<T> | undefined> {
  const row = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', id.scope).where('key', '=', id.key).executeTakeFirst()
  if (row == null) return undefined
  if (row.request_hash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', undefined, { key: id.key })
  return { statusCode: row.status_code, response: JSON.parse(row.response) as T, replayed: true }
}
