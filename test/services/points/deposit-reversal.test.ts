// Reversing a deposit's earn entry gives the day's cap room back and shows on
// the deposit, on SQLite and PostgreSQL, through the real device path
// (handleSwipe, handleDeposit) and the counter's reversal.
import t from 'tap'
import { reverseLedgerEntry } from '../../../services/counter/reversal.ts'
import { appendEntry, balanceOf, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { approveReviewItem } from '../../../services/review/review-queue.ts'
import { eachStore } from '../../helpers/stores.ts'
import { aPendingReview, earnedOn } from '../review/review-fixture.ts'
import { aDepositScene, dayOne, dayOneMs, depositRow } from './deposit-scene.ts'

const dayMs = 24 * 3600_000

await eachStore(t, 'a reversed deposit frees its day under the cap', async (t, { db }) => {
  const scene = await aDepositScene(db, 1000)
  const { household, manager } = scene

  // 15 kg of metal = 1200 points: capped at 1000; the next 5 kg earns nothing
  const first = await scene.depositMetal(db, await scene.openSession(db), 15_000)
  t.same([first.summary.outcome, first.pointsCredited], ['capped', 1000])
  const second = await scene.depositMetal(db, await scene.openSession(db), 5_000)
  t.same([second.summary.outcome, second.pointsCredited], ['capped', 0])
  t.equal(await earnedOn(db, household.id, dayOne), 1000)

  const firstId = String(first.summary.depositId)
  const earn = (await depositRow(db, firstId)).entry_id ?? ''
  // reversed the next day: it is the deposit's day that gets the room back
  const reversal = await reverseLedgerEntry(db, manager, earn, 'card was lent to a neighbour', dayOneMs + dayMs)
  t.same([reversal.entry.kind, reversal.entry.points, reversal.entry.ref_id, reversal.balancePoints], ['reverse', -1000, earn, 0])
  t.equal(await earnedOn(db, household.id, dayOne), 0, 'the day total drops by the reversed points')
  t.equal(await earnedOn(db, household.id, '2024-06-02'), 0, 'the day of the reversal is untouched')
  t.same(await depositRow(db, firstId), { points_computed: 1200, points_credited: 0, outcome: 'capped', entry_id: earn },
    'the deposit keeps its earn entry and outcome; it holds nothing on the balance any more')

  await t.rejects(reverseLedgerEntry(db, manager, earn, 'twice', dayOneMs + dayMs), { code: 'ALREADY_REVERSED' })
  t.equal(await earnedOn(db, household.id, dayOne), 0, 'a refused reversal changes nothing')
  t.equal((await depositRow(db, firstId)).points_credited, 0)

  const third = await scene.depositMetal(db, await scene.openSession(db), 5_000)
  t.same([third.summary.outcome, third.pointsCredited], ['credited', 400], 'later that day the household earns again')
  const fourth = await scene.depositMetal(db, await scene.openSession(db), 10_000)
  t.same([fourth.summary.outcome, fourth.pointsCredited], ['capped', 600], 'up to the cap, no further')
  t.equal(await earnedOn(db, household.id, dayOne), 1000)
  t.equal(await balanceOf(db, household.id), 1000)
  t.same(await ledgerInvariantViolations(db), [])
})

await eachStore(t, 'a reversed approval frees its day under the cap', async (t, { db }) => {
  const scene = await aDepositScene(db, 1000)
  const { household, manager, site } = scene
  const review = await aPendingReview(db, { siteId: site.id, householdId: household.id, pointsComputed: 700, localDay: dayOne })
  const approved = await approveReviewItem(db, manager, review.id)
  t.equal(approved.pointsCredited, 700)

  await reverseLedgerEntry(db, manager, approved.entry?.id ?? '', 'weights were a scale fault')
  t.equal(await earnedOn(db, household.id, dayOne), 0)
  t.same(await depositRow(db, review.depositId), { points_computed: 700, points_credited: 0, outcome: 'review', entry_id: approved.entry?.id ?? null })

  const deposit = await scene.depositMetal(db, await scene.openSession(db), 12_000)
  t.same([deposit.summary.outcome, deposit.pointsCredited], ['credited', 960])
  t.equal(await balanceOf(db, household.id), 960)
  t.same(await ledgerInvariantViolations(db), [])
})

await eachStore(t, 'other reversals leave the day alone', async (t, { db }) => {
  const scene = await aDepositScene(db, 1000)
  const { household, manager } = scene
  const deposit = await scene.depositMetal(db, await scene.openSession(db), 5_000)
  const depositId = String(deposit.summary.depositId)
  const bonus = await appendEntry(db, { householdId: household.id, kind: 'adjust', points: 100, idempotencyKey: `bonus-${depositId}`, reason: 'event bonus', staffId: manager.id, nowMs: dayOneMs })
  const reversal = await reverseLedgerEntry(db, manager, bonus.entry.id, 'bonus was for another household')
  t.equal(await earnedOn(db, household.id, dayOne), 400, 'an adjustment is not a deposit earning')
  await t.rejects(reverseLedgerEntry(db, manager, reversal.entry.id, 'undo'), { code: 'NOT_REVERSIBLE' })
  t.equal(await earnedOn(db, household.id, dayOne), 400, 'a refused reversal changes nothing')
  t.equal((await depositRow(db, depositId)).points_credited, 400)
  t.equal(await balanceOf(db, household.id), 400)
})
