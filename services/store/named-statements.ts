// PostgreSQL parses and plans every statement it receives unnamed. The hot-path
// statements (services/store/prepared.ts) are the same few texts run again and
// again, so on each pooled connection they become named (server-side prepared)
// statements: parsed and planned once per connection, then only bound and
// executed. Kysely's pg driver calls `client.query(text, values)`; each client
// of the pool gets a `query` that names the texts registered here.
import { createHash } from 'node:crypto'
import type pg from 'pg'

const names = new Map<string, string>()

/** Registers a statement text that runs often: on PostgreSQL it becomes a named statement. */
export function nameStatement (sql: string): void {
  if (!names.has(sql)) names.set(sql, `k${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`)
}

/**
 * PostgreSQL refuses to run a prepared `SELECT *` whose table gained a column since it was
 * prepared (another node's migration during a rolling upgrade). The schema changed for every
 * connection of the pool, so all of them run their statements unnamed from then on: the
 * ingest's retry of the failed batch then succeeds on whichever connection it gets.
 */
const isStalePlan = (err: unknown): boolean =>
  (err as { code?: unknown } | null)?.code === '0A000' && String((err as Error).message).includes('cached plan must not change result type')

/** Makes every client the pool connects run registered texts as named statements. */
export function useNamedStatements (pool: pg.Pool): void {
  let unnamed = false
  pool.on('connect', client => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    // the name is derived from the text, so a connection never sees one name with two texts
    client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
      const name = !unnamed && typeof text === 'string' && Array.isArray(values) && callback === undefined ? names.get(text) : undefined
      if (name == null) return query(text, values, callback)
      return (query({ name, text, values }) as Promise<unknown>).catch(async (err: unknown) => {
        if (!isStalePlan(err)) throw err
        unnamed = true
        // outside a transaction the query now succeeds; inside one, the transaction is already
        // aborted: the original error goes to the caller, which retries the transaction
        return await (query(text, values) as Promise<unknown>).catch(() => { throw err })
      })
    }) as typeof client.query
  })
}
