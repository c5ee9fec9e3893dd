// A staff call whose audit row is checked the moment its answer arrives: one
// new row, this call's, with the answer's status (no flush, no waiting).
import type { Test } from 'tap'
import type { Caller, Harness } from './harness.ts'

export async function auditCount (h: Harness): Promise<number> {
  const row = await h.db.selectFrom('audit_log').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Calls the API and, at once, checks that the newest audit row is this call's, with its answer's status. */
export function auditedCall (t: Test, h: Harness) {
  return async (who: Caller, method: 'POST' | 'PUT' | 'PATCH', url: string, route: string, body?: unknown, headers?: Record<string, string>) => {
    const before = await auditCount(h)
    const res = await who.call(method, url, body, headers)
    const newest = await h.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst()
    t.equal(await auditCount(h), before + 1, `${method} ${route} → ${res.statusCode}: one row`)
    t.match(newest, { staff_id: who.id, method, route, status_code: res.statusCode }, `${method} ${route}: its row is there when the answer arrives`)
    return res
  }
}
