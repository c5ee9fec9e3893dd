// Cards: whose card is whose, and whether it may still be used. A card's gate
// schedule is its holder's: unlinking forgets it, so a relinked card starts
// without one, at any site.
import { bumpRegistryVersion } from '../devices/registry-version.ts'
import { DomainError } from '../errors.ts'
import { forgetCardSchedule } from '../gate/gate-repository.ts'
import { assertRoomForCard } from '../gate/list-room.ts'
import type { Executor } from '../store/executor.ts'
import { getHousehold } from './household-registry.ts'
import type { Card, CardStatus } from './tables.ts'

export async function findCard (db: Executor, uid: string): Promise<Card | undefined> {
  return db.selectFrom('cards').selectAll().where('uid', '=', uid).executeTakeFirst()
}

export async function cardsOf (db: Executor, householdId: string): Promise<Card[]> {
  return db.selectFrom('cards').selectAll().where('household_id', '=', householdId).orderBy('uid').execute()
}

/** Links a card to a household (new card, or an unlinked one being reissued). */
export async function linkCard (db: Executor, input: { uid: string, householdId: string }, nowMs = Date.now()): Promise<Card> {
  const household = await getHousehold(db, input.householdId)
  const existing = await findCard(db, input.uid)
  if (existing != null && existing.status !== 'unlinked') throw new DomainError('CONFLICT', `card is already ${existing.status} for household ${existing.household_id ?? '-'}`)
  if (household.status === 'active') await assertRoomForCard(db, household.site_id)
  const card: Card = { uid: input.uid, household_id: household.id, site_id: household.site_id, status: 'active', created_at_ms: existing?.created_at_ms ?? nowMs, updated_at_ms: nowMs }
  if (existing == null) await db.insertInto('cards').values(card).execute()
  else await db.updateTable('cards').set(card).where('uid', '=', input.uid).execute()
  // a card unlinked before unlinking forgot schedules may still name its old holder's
  if (existing != null) await forgetCardSchedule(db, input.uid)
  await bumpRegistryVersion(db)
  return card
}

/** lost / blocked / active (unblock, found) / unlinked (card returned). */
export async function setCardStatus (db: Executor, uid: string, status: CardStatus, nowMs = Date.now()): Promise<Card> {
  const card = await findCard(db, uid)
  if (card == null) throw new DomainError('CARD_UNKNOWN')
  const next: Card = { ...card, status, updated_at_ms: nowMs, household_id: status === 'unlinked' ? null : card.household_id }
  if (status === 'active' && card.household_id == null) throw new DomainError('CARD_UNKNOWN', 'card is not linked to a household; link it instead')
  if (status === 'active' && card.status !== 'active') await assertRoomForCard(db, card.site_id)
  await db.updateTable('cards').set(next).where('uid', '=', uid).execute()
  if (status === 'unlinked') await forgetCardSchedule(db, uid)
  // after every write: a blocked or lost card is denied at the next swipe, and the ingest's cached schedule goes
  await bumpRegistryVersion(db)
  return next
}
