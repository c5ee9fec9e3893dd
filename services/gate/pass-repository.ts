// Visitor passes and the site keys that sign them, in the store. Uses are
// counted here, centrally: each allowed use, online or replayed from a gate's
// offline log, adds one (replays of one event count once: the ingest's event log).
import type { PassKey } from '../../schemas/gate.ts'
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'
import type { VisitorPass } from './tables.ts'

const passById = prepare<{ id: string }, VisitorPass>((db, p) => db.selectFrom('visitor_passes').selectAll().where('id', '=', p.id))
const keysOfSite = prepare<{ siteId: string }, { kid: string, public_key: string }>((db, p) => db.selectFrom('pass_keys')
  .select(['kid', 'public_key']).where('site_id', '=', p.siteId).where('retired_at_ms', 'is', null).orderBy('kid'))
const addUse = prepare<{ id: string }>((db, p) => db.updateTable('visitor_passes').set(eb => ({ uses: eb('uses', '+', 1) })).where('id', '=', p.id))

export const findPass = (db: Executor, id: string) => passById.first(db, { id })

/** The site's keys gates may verify with: every key not retired. */
export async function passKeysOf (db: Executor, siteId: string): Promise<PassKey[]> {
  return (await keysOfSite.run(db, { siteId })).rows.map(r => ({ kid: r.kid, publicKey: r.public_key }))
}

export async function countPassUse (db: Executor, id: string): Promise<void> {
  await addUse.run(db, { id })
}
