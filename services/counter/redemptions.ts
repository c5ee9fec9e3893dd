// Redemptions at the counter: points for cash or for a shop item. One
// transaction holds the idempotency record, the stock decrement, the ledger
// debit and the redemption row, so either all happen or none.
import type { Kysely, Transaction } from 'kysely'
import type { RedemptionBody } from '../../schemas/http.ts'
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import { appendEntry } from '../ledger/ledger.ts'
import { getHousehold } from '../households/household-registry.ts'
import { getSite } from '../sites/site-registry.ts'
import { getStaff } from '../staff/staff.ts'
import { assertSite, type Actor } from '../staff/roles.ts'
import type { Database, LedgerEntry, Redemption } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { idempotent } from './idempotency.ts'
import { formatReceipt } from './receipt.ts'
import { spendingHousehold } from './households.ts'
import { getShopItem, takeStock } from './shop-items.ts'

export interface RedemptionResult { redemption: Redemption, entry: LedgerEntry, balancePoints: number, receipt: string }

export interface RedeemOutcome { statusCode: number, result: RedemptionResult, replayed: boolean }

/** Redeems once per (staff, Idempotency-Key); a replay returns the first result. */
export async function redeem (db: Kysely<Database>, actor: Actor, idempotencyKey: string, body: RedemptionBody, nowMs = Date.now()): Promise<RedeemOutcome> {
  const outcome = await idempotent(db, { scope: `redemption:${actor.id}`, key: idempotencyKey, request: body },
    async trx => ({ statusCode: 201, response: await redeemIn(trx, actor, idempotencyKey, body, nowMs) }), nowMs)
  return { statusCode: outcome.statusCode, result: outcome.response, replayed: outcome.replayed }
}

async function redeemIn (trx: Transaction<Database>, actor: Actor, idempotencyKey: string, body: RedemptionBody, nowMs: number): Promise<RedemptionResult> {
  const household = await spendingHousehold(trx, actor, body)
  const id = newId('rdm', nowMs)
  let points: number
  let quantity = 1
  let itemId: string | null = null
  if (body.kind === 'item') {
    const item = await getShopItem(trx, body.itemId)
    if (item.site_id !== household.site_id || item.active !== 1) throw new DomainError('ITEM_UNKNOWN', `no active item ${body.itemId} at site ${household.site_id}`)
    quantity = body.quantity
    points = item.price_points * quantity
    itemId = item.id
    // stock first, then the balance: the same lock order as reversals
    await takeStock(trx, item.id, quantity)
  } else {
    points = body.points
  }
  const { entry } = await appendEntry(trx, {
    householdId: household.id, kind: 'redeem', points: -points, idempotencyKey: `redeem:${actor.id}:${idempotencyKey}`,
    refType: 'redemption', refId: id, staffId: actor.id, nowMs
  })
  const redemption: Redemption = {
    id, household_id: household.id, site_id: household.site_id, kind: body.kind, item_id: itemId, quantity, points,
    entry_id: entry.id, staff_id: actor.id, created_at_ms: nowMs, reversed_entry_id: null
  }
  await trx.insertInto('redemptions').values(redemption).execute()
  return { redemption, entry, balancePoints: entry.balance_after, receipt: await receiptText(trx, redemption, entry.balance_after) }
}

export async function getRedemption (db: Executor, actor: Actor, redemptionId: string): Promise<Redemption> {
  const redemption = await db.selectFrom('redemptions').selectAll().where('id', '=', redemptionId).executeTakeFirst()
  if (redemption == null) throw new DomainError('REDEMPTION_UNKNOWN')
  assertSite(actor, redemption.site_id)
  return redemption
}

/** The printable receipt of a redemption, as it was (balance after the redemption). */
export async function receiptFor (db: Executor, actor: Actor, redemptionId: string): Promise<string> {
  const redemption = await getRedemption(db, actor, redemptionId)
  const entry = await db.selectFrom('ledger_entries').select('balance_after').where('id', '=', redemption.entry_id).executeTakeFirstOrThrow()
  return receiptText(db, redemption, entry.balance_after)
}

async function receiptText (db: Executor, r: Redemption, balanceAfter: number): Promise<string> {
  const [site, household, staff, item] = await Promise.all([
    getSite(db, r.site_id), getHousehold(db, r.household_id), getStaff(db, r.staff_id),
    r.item_id == null ? undefined : getShopItem(db, r.item_id)
  ])
  return formatReceipt({
    redemptionId: r.id, siteName: site.name, timeZone: site.timezone, householdLabel: household.label, kind: r.kind,
    itemName: item?.name ?? null, quantity: r.quantity, unitPricePoints: r.quantity > 0 ? r.points / r.quantity : null,
    points: r.points, balanceAfter, staffName: staff.name, atMs: r.created_at_ms, reversed: r.reversed_entry_id != null
  })
}
