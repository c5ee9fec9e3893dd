// Counts the SQL statements a store executes, through a Kysely plugin that sees
// every result (BEGIN and COMMIT are not statements to it): for the tests that
// pin how many statements a device event costs on the hot path.
import type { KyselyPlugin } from 'kysely'

export function statementCounter (): { plugin: KyselyPlugin, take: () => number } {
  let statements = 0
  return {
    plugin: { transformQuery: ({ node }) => node, transformResult: async ({ result }) => { statements++; return result } },
    /** Statements since the last call. */
    take: () => { const n = statements; statements = 0; return n }
  }
}
