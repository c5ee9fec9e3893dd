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

const claimUse = prepare<{ id: string }>((db, p) => db.updateTable('visitor_passes').set(eb => ({ uses: eb('uses', '+', 1) }))
  .where('id', '=', p.id).where('revoked_at_ms', 'is', null).where(eb => eb('uses', '<', eb.ref('max_uses'))))

export const findPass = (db: Executor, id: string) => passById.first(db, { id })

/** The site's keys gates may verify with: every key not retired. */
export async function passKeysOf (db: Executor, siteId: string): Promise<PassKey[]> {
  return (await keysOfSite.run(db, { siteId })).rows.map(r => ({ kid: r.kid, publicKey: r.public_key }))
}

/** An offline use the gate replays: it has happened, so it is counted even past the pass's uses. */
export async function countPassUse (db: Executor, id: string): Promise<void> {
  await addUse.run(db, { id })
}

/**
 * An online use, atomically: counted only while uses < max and the pass is not
 * revoked. Two gates verifying the same pass at once cannot both spend its last
 * use (the second update waits for the first one's row and finds it spent).
 * False: refuse the pass.
 */
export async function claimPassUse (db: Executor, id: string): Promise<boolean> {
  return await claimUse.affected(db, { id }) === 1
}
