// Hot-path statements built once: Kysely builds and compiles a query on every
// call (~25–35 µs, more than SQLite takes to run it). A prepared statement is
// built with named placeholders, compiled once per dialect, and then run with
// new parameters straight through `executeQuery` (the query builder stays for
// everything else). Same builder for both stores: no dialect branches.
import { CompiledQuery, PostgresAdapter, type Compilable, type Kysely, type QueryResult } from 'kysely'
import type { Database } from './database.ts'
import type { Executor } from './executor.ts'
import { nameStatement } from './named-statements.ts'

/** A placeholder value: the builder sees it as a parameter and it is found again after compiling. */
class Placeholder { constructor (readonly name: string) {} }

type Slot = { name: string } | { value: unknown }
interface Template { sql: string, slots: Slot[] }

export interface Prepared<P, R> {
  run: (db: Executor, params: P) => Promise<QueryResult<R>>
  /** The first row, or undefined. */
  first: (db: Executor, params: P) => Promise<R | undefined>
  /** Rows inserted, updated or deleted. */
  affected: (db: Executor, params: P) => Promise<number>
}

/**
 * `build` receives the database and a proxy whose every property is the placeholder of that
 * name, e.g. `prepare<{ id: string }, Row>((db, p) => db.selectFrom('t').selectAll().where('id', '=', p.id))`.
 */
export function prepare<P extends object, R = unknown> (build: (db: Kysely<Database>, p: P) => Compilable<R>): Prepared<P, R> {
  // keyed by the adapter class: the same SQL text serves every connection of a dialect
  const templates = new Map<unknown, Template>()
  const placeholders = new Proxy({}, { get: (_target, name) => new Placeholder(String(name)) }) as P

  function templateFor (db: Executor): Template {
    const dialect = db.getExecutor().adapter.constructor
    let template = templates.get(dialect)
    if (template == null) {
      const compiled = build(db, placeholders).compile()
      template = { sql: compiled.sql, slots: compiled.parameters.map(v => v instanceof Placeholder ? { name: v.name } : { value: v }) }
      if (dialect === PostgresAdapter) nameStatement(compiled.sql) // parsed and planned once per connection
      templates.set(dialect, template)
    }
    return template
  }

  async function run (db: Executor, params: P): Promise<QueryResult<R>> {
    const { sql, slots } = templateFor(db)
    const parameters = slots.map(slot => {
      if (!('name' in slot)) return slot.value
      const value = (params as Record<string, unknown>)[slot.name]
      if (value === undefined) throw new Error(`prepared statement: no value for :${slot.name} in ${sql}`)
      return value
    })
    return db.executeQuery(CompiledQuery.raw(sql, parameters) as CompiledQuery<R>)
  }

  return {
    run,
    first: async (db, params) => (await run(db, params)).rows[0],
    affected: async (db, params) => Number((await run(db, params)).numAffectedRows ?? 0n)
  }
}

/** The placeholders of `columns` as an insert row: the placeholder proxy has no keys of its own to spread. */
export function rowOf<T> (p: T, columns: ReadonlyArray<keyof T & string>): T {
  return Object.fromEntries(columns.map(c => [c, p[c]])) as T
}
