// Reversing a ledger entry from the counter. A debit (a redemption, a charge)
// is reversed by someone other than the staff member who made it: the reversal
// gives points back. A reversed item redemption puts
// the items back on the shelf in the same transaction; a reversed deposit
// earning gives its day's cap room back and zeroes the deposit's credit.
import type { Kysely } from 'kysely'
import { transaction } from '../audit/audited-transaction.ts'
import { DomainError } from '../errors.ts'
import { getEntry, reverseEntry } from '../ledger/ledger.ts'
import { releaseDepositEarning } from '../points/daily-cap.ts'
import { assertSite, type Actor } from '../staff/roles.ts'
import type { Database, LedgerEntry } from '../store/database.ts'
import { returnStock } from './shop-items.ts'

export interface ReversalResult { entry: LedgerEntry, balancePoints: number, restoredStock: number }

export async function reverseLedgerEntry (db: Kysely<Database>, actor: Actor, entryId: string, reason: string, nowMs = Date.now()): Promise<ReversalResult> {
  return transaction(db, async trx => {
    const original = await getEntry(trx, entryId)
    assertSite(actor, original.site_id)
    // reversing a debit gives points back: like a manual credit it needs a second person, or a
    // manager could pay out cash for a card and then reverse their own redemption
    if (original.points < 0 && original.kind !== 'reverse' && original.staff_id === actor.id) {
      throw new DomainError('SAME_APPROVER', 'a debit you made yourself is reversed by another manager or admin')
    }
    let restoredStock = 0
    const redemption = original.ref_type === 'redemption' && original.ref_id != null
      ? await trx.selectFrom('redemptions').selectAll().where('id', '=', original.ref_id).executeTakeFirst()
      : undefined
    // stock before balance: the same lock order as redemptions
    if (redemption?.kind === 'item' && redemption.item_id != null && redemption.reversed_entry_id == null) {
      await returnStock(trx, redemption.item_id, redemption.quantity)
      restoredStock = redemption.quantity
    }
    // day row before balance: the lock order of the credit paths
    await releaseDepositEarning(trx, original)
    const { entry } = await reverseEntry(trx, entryId, { staffId: actor.id, reason, nowMs })
    if (redemption != null) await trx.updateTable('redemptions').set({ reversed_entry_id: entry.id }).where('id', '=', redemption.id).execute()
    return { entry, balancePoints: entry.balance_after, restoredStock }
  })
}
