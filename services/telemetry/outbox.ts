// The durable telemetry outbox: a table in the same store as the ledger.
// The ingest appends points inside its batch transaction (so an acknowledged
// event's telemetry is durable exactly when the event is); the shipper reads
// the oldest rows, and deletes them only after InfluxDB confirmed the write.
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import type { TelemetryPoint } from './points.ts'

/** What the ingest writes telemetry to, inside its transaction. */
export interface TelemetrySink {
  append: (trx: Executor, points: readonly TelemetryPoint[], nowMs: number) => Promise<void>
}

export interface OutboxRow { id: number, line: string, at_ms: number, created_at_ms: number }

export interface OutboxStats {
  /** Rows waiting (id range: exact on SQLite; may overcount by ids of rolled-back PostgreSQL inserts). */
  depth: number
  oldestCreatedAtMs: number | null
  maxId: number | null
}

/** Rows per INSERT statement: keeps bound parameters far below SQLite's and PostgreSQL's limits. */
const INSERT_CHUNK = 1000

export function createOutboxSink (): TelemetrySink {
  return {
    async append (trx, points, nowMs) {
      for (let i = 0; i < points.length; i += INSERT_CHUNK) {
        const chunk = points.slice(i, i + INSERT_CHUNK)
        await trx.insertInto('telemetry_outbox').values(chunk.map(p => ({ line: p.line, at_ms: p.atMs, created_at_ms: nowMs }))).execute()
      }
    }
  }
}

/**
 * The line as sent: nanosecond timestamp = atMs plus a sub-millisecond
 * disambiguator from the row id. The same row always renders the same line,
 * so a retry upserts (same series + timestamp) instead of doubling; two
 * different points of one series in the same millisecond get different
 * timestamps instead of overwriting each other.
 */
export function renderLine (row: Pick<OutboxRow, 'id' | 'line' | 'at_ms'>): string {
  return `${row.line} ${row.at_ms}${String(row.id % 1_000_000).padStart(6, '0')}`
}

export async function readOldest (db: Kysely<Database>, limit: number): Promise<OutboxRow[]> {
  return db.selectFrom('telemetry_outbox').select(['id', 'line', 'at_ms', 'created_at_ms']).orderBy('id').limit(limit).execute()
}

export async function outboxStats (db: Kysely<Database>): Promise<OutboxStats> {
  const range = await db.selectFrom('telemetry_outbox').select(eb => [eb.fn.min('id').as('min_id'), eb.fn.max('id').as('max_id')]).executeTakeFirst()
  const minId = range?.min_id == null ? null : Number(range.min_id)
  const maxId = range?.max_id == null ? null : Number(range.max_id)
  if (minId == null || maxId == null) return { depth: 0, oldestCreatedAtMs: null, maxId: null }
  const oldest = await db.selectFrom('telemetry_outbox').select('created_at_ms').where('id', '=', minId).executeTakeFirst()
  return { depth: maxId - minId + 1, oldestCreatedAtMs: oldest?.created_at_ms ?? null, maxId }
}

/** Deletes rows InfluxDB confirmed. Deletes by id, never by range: a lower id may commit late on PostgreSQL. */
export async function deleteRows (db: Executor, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
    await db.deleteFrom('telemetry_outbox').where('id', 'in', ids.slice(i, i + INSERT_CHUNK)).execute()
  }
}

export interface Rejected { row: OutboxRow, status: number, reason: string }

/** Moves rows InfluxDB refused to the dead-letter table, with the server's reason, in one transaction. */
export async function deadLetterRows (db: Kysely<Database>, rejected: readonly Rejected[], nowMs: number): Promise<void> {
  if (rejected.length === 0) return
  await db.transaction().execute(async trx => {
    for (let i = 0; i < rejected.length; i += INSERT_CHUNK) {
      await trx.insertInto('telemetry_dead_letters').values(rejected.slice(i, i + INSERT_CHUNK).map(r => ({
        line: renderLine(r.row), at_ms: r.row.at_ms, status_code: r.status, reason: r.reason.slice(0, 2000), created_at_ms: r.row.created_at_ms, dead_lettered_at_ms: nowMs
      }))).execute()
    }
    await deleteRows(trx, rejected.map(r => r.row.id))
  })
}

/**
 * The policy at the bound: keep at most `maxRows`, dropping the OLDEST.
 * Returns how many rows were dropped. Cheap when under the bound (no write).
 */
export async function trimOutbox (db: Kysely<Database>, stats: OutboxStats, maxRows: number): Promise<number> {
  if (stats.maxId == null || stats.depth <= maxRows) return 0
  const result = await db.deleteFrom('telemetry_outbox').where('id', '<=', stats.maxId - maxRows).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Dead letters are bounded too (a bug can refuse everything): the oldest go first. */
export async function trimDeadLetters (db: Kysely<Database>, maxRows: number): Promise<number> {
  const top = await db.selectFrom('telemetry_dead_letters').select(eb => eb.fn.max('id').as('max_id')).executeTakeFirst()
  if (top?.max_id == null) return 0
  const result = await db.deleteFrom('telemetry_dead_letters').where('id', '<=', Number(top.max_id) - maxRows).executeTakeFirst()
  return Number(result.numDeletedRows)
}
