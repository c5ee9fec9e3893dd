// Column helpers shared by the migrations. Shipped migrations use them, so
// changing one changes the schema a new database gets: add, do not edit.
import { sql } from 'kysely'

/** Milliseconds since the epoch do not fit PostgreSQL's 32-bit integer. */
export const ms = 'bigint'

export function sqlCheck (expression: string) {
  return sql.raw(expression)
}
