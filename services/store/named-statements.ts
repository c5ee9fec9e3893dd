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

/** Makes every client the pool connects run registered texts as named statements. */
export function useNamedStatements (pool: pg.Pool): void {
  pool.on('connect', client => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    // the name is derived from the text, so a connection never sees one name with two texts
    client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
      const name = typeof text === 'string' && Array.isArray(values) && callback === undefined ? names.get(text) : undefined
      return name == null ? query(text, values, callback) : query({ name, text, values })
    }) as typeof client.query
  })
}
