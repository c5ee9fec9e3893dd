// Counter look-ups: households, their cards and history, as a staff member
// bound to a site may see them.
import { DomainError } from '../errors.ts'
import { balanceOf, historyOf, type HistoryPage } from '../ledger/ledger.ts'
import { cardsOf, findCard, linkCard, setCardStatus } from '../households/card-registry.ts'
import { getHousehold } from '../households/household-registry.ts'
import { assertSite, hasRole, type Actor } from '../staff/roles.ts'
import type { Card, CardStatus, Household } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

export async function householdFor (db: Executor, actor: Actor, householdId: string): Promise<Household> {
  const household = await getHousehold(db, householdId)
  assertSite(actor, household.site_id)
  return household
}

export interface HouseholdView { household: Household, cards: Card[], balancePoints: number }

export async function householdView (db: Executor, actor: Actor, householdId: string): Promise<HouseholdView> {
  const household = await householdFor(db, actor, householdId)
  return { household, cards: await cardsOf(db, household.id), balancePoints: household.balance_points }
}

/** Households of a site whose label starts with `label` (all of the site without it). */
export async function findHouseholds (db: Executor, actor: Actor, q: { siteId?: string | undefined, label?: string | undefined, limit: number }): Promise<Household[]> {
  const siteId = q.siteId ?? actor.siteId ?? undefined
  if (siteId != null) assertSite(actor, siteId)
  let query = db.selectFrom('households').selectAll()
  if (siteId != null) query = query.where('site_id', '=', siteId)
  const label = q.label
  if (label != null) query = query.where(eb => eb(eb.fn('substr', ['label', eb.lit(1), eb.lit(label.length)]), '=', label))
  return query.orderBy('site_id').orderBy('label').limit(q.limit).execute()
}

export interface CardView { card: Card, household: Household | null, balancePoints: number | null }

export async function cardView (db: Executor, actor: Actor, uid: string): Promise<CardView> {
  const card = await findCard(db, uid)
  if (card == null) throw new DomainError('CARD_UNKNOWN')
  assertSite(actor, card.site_id)
  const household = card.household_id == null ? null : await getHousehold(db, card.household_id)
  return { card, household, balancePoints: household?.balance_points ?? null }
}

export async function linkCardFor (db: Executor, actor: Actor, householdId: string, uid: string, nowMs = Date.now()): Promise<Card> {
  await householdFor(db, actor, householdId)
  const existing = await findCard(db, uid)
  if (existing != null) assertSite(actor, existing.site_id)
  return linkCard(db, { uid, householdId }, nowMs)
}

export async function setCardStatusFor (db: Executor, actor: Actor, uid: string, status: CardStatus, nowMs = Date.now()): Promise<Card> {
  const card = await findCard(db, uid)
  if (card == null) throw new DomainError('CARD_UNKNOWN')
  assertSite(actor, card.site_id)
  // An unlinked card may be linked again, active: unlinking a lost or blocked
  // card would let the counter undo what only a manager may (reactivate).
  if (status === 'unlinked' && (card.status === 'lost' || card.status === 'blocked') && !hasRole(actor, 'manager')) {
    throw new DomainError('FORBIDDEN', `a ${card.status} card is unlinked by a manager (who may also reactivate it)`)
  }
  // a block is a manager's call ("misuse"): reported lost at the counter it would read as bad luck
  if (card.status === 'blocked' && status !== 'blocked' && !hasRole(actor, 'manager')) {
    throw new DomainError('FORBIDDEN', 'a blocked card stays blocked until a manager changes it')
  }
  return setCardStatus(db, uid, status, nowMs)
}

export async function ledgerPage (db: Executor, actor: Actor, householdId: string, page: { limit: number, before?: string | undefined }): Promise<HistoryPage & { balancePoints: number }> {
  const household = await householdFor(db, actor, householdId)
  const history = await historyOf(db, household.id, page)
  return { ...history, balancePoints: await balanceOf(db, household.id) }
}

/**
 * The household a card or household id names, refusing cards that may not
 * spend (unknown, unlinked, lost, blocked) and inactive households.
 */
export async function spendingHousehold (db: Executor, actor: Actor, target: { householdId?: string | undefined, cardUid?: string | undefined }): Promise<Household> {
  let householdId = target.householdId
  if (target.cardUid != null) {
    const card = await findCard(db, target.cardUid)
    if (card == null || card.status === 'unlinked' || card.household_id == null) throw new DomainError('CARD_UNKNOWN')
    assertSite(actor, card.site_id)
    if (card.status === 'lost') throw new DomainError('CARD_LOST')
    if (card.status === 'blocked') throw new DomainError('CARD_BLOCKED')
    householdId = card.household_id
  }
  if (householdId == null) throw new DomainError('VALIDATION_FAILED', 'give a householdId or a cardUid')
  const household = await householdFor(db, actor, householdId)
  if (household.status !== 'active') throw new DomainError('HOUSEHOLD_INACTIVE')
  return household
}
