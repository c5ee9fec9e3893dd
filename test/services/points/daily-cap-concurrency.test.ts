// The daily cap holds when a kiosk deposit (the device path, in its own
// transaction as the batch committer runs it) and a manager's approval credit
// the same household and day at the same time. On PostgreSQL the two run on
// separate connections and overlap: the second must wait for the first's lock
// of the day row (seen in pg_stat_activity) and then credit only what is left.
// SQLite lets one writer at a time; there the outcome in either order is the
// sequential one, checked on both stores.
import t from 'tap'
import { balanceOf, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { approveReviewItem } from '../../../services/review/review-queue.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { inCI } from '../../helpers/env.ts'
import { eachStore, openPostgresTestStore, postgresAvailable, postgresSkipReason } from '../../helpers/stores.ts'
import { aPendingReview, earnedOn } from '../review/review-fixture.ts'
import { aDepositScene, dayOne } from './deposit-scene.ts'
import { holdTransaction, lockWait } from './held-transaction.ts'

const cap = 1000
// 10 kg of metal at 80 points/kg = 800 points; the review item is worth 700

async function aRace (db: Store['db']) {
  const scene = await aDepositScene(db, cap)
  const review = await aPendingReview(db, { siteId: scene.site.id, householdId: scene.household.id, pointsComputed: 700, localDay: dayOne })
  const sessionId = await scene.openSession(db)
  return { ...scene, review, sessionId }
}

await eachStore(t, 'one after the other, in either order', async (t, { db }) => {
  const a = await aRace(db)
  t.equal((await approveReviewItem(db, a.manager, a.review.id)).pointsCredited, 700)
  const deposit = await db.transaction().execute(trx => a.depositMetal(trx, a.sessionId, 10_000))
  t.same([deposit.summary.outcome, deposit.pointsCredited], ['capped', 300])
  t.equal(await earnedOn(db, a.household.id, dayOne), cap)

  const b = await aRace(db)
  const first = await db.transaction().execute(trx => b.depositMetal(trx, b.sessionId, 10_000))
  t.same([first.summary.outcome, first.pointsCredited], ['credited', 800])
  t.equal((await approveReviewItem(db, b.manager, b.review.id)).pointsCredited, 200)
  t.equal(await earnedOn(db, b.household.id, dayOne), cap)
  t.same(await ledgerInvariantViolations(db), [])
})

const skip = !inCI && !(await postgresAvailable()) ? postgresSkipReason : false

t.test('approval holds the day, the deposit waits for it [postgres]', { skip }, async t => {
  const store = await openPostgresTestStore(t)
  if (store == null) throw new Error(postgresSkipReason)
  const { db } = store
  const race = await aRace(db)

  // hold the approval open after it has locked the day row: another
  // connection keeps its review item locked, so its final UPDATE waits
  const blocker = holdTransaction(db, trx => trx.selectFrom('review_items').select('id').where('id', '=', race.review.id).forUpdate().execute())
  t.teardown(blocker.release) // a failed assertion must not leave the pool busy
  await blocker.worked
  const approval = approveReviewItem(db, race.manager, race.review.id)
  const approvalWait = await lockWait(db, { statement: 'update "review_items"' })

  const deposit = holdTransaction(db, trx => race.depositMetal(trx, race.sessionId, 10_000))
  t.teardown(deposit.release)
  const depositWait = await lockWait(db, { pid: await deposit.pid })
  t.match(depositWait.query, /^insert into "daily_earnings"/, 'the deposit waits at the lock of the day row')
  t.same(depositWait.blockers, [approvalWait.pid], 'behind the approval')

  blocker.release()
  await blocker.committed
  t.equal((await approval).pointsCredited, 700)
  deposit.release()
  const credited = await deposit.committed
  t.same([credited.summary.outcome, credited.pointsCredited], ['capped', 300], 'the deposit gets what the approval left')
  t.equal(await earnedOn(db, race.household.id, dayOne), cap)
  t.equal(await balanceOf(db, race.household.id), cap)
  t.same(await ledgerInvariantViolations(db), [])
})

t.test('the deposit holds the day, the approval waits for it [postgres]', { skip }, async t => {
  const store = await openPostgresTestStore(t)
  if (store == null) throw new Error(postgresSkipReason)
  const { db } = store
  const race = await aRace(db)

  const deposit = holdTransaction(db, trx => race.depositMetal(trx, race.sessionId, 10_000))
  t.teardown(deposit.release) // a failed assertion must not leave the pool busy
  const credited = await deposit.worked
  t.same([credited.summary.outcome, credited.pointsCredited], ['credited', 800])
  const approval = approveReviewItem(db, race.manager, race.review.id)
  const approvalWait = await lockWait(db, { statement: 'insert into "daily_earnings"' })
  t.same(approvalWait.blockers, [await deposit.pid], 'the approval waits at the lock of the day row, behind the deposit')

  deposit.release()
  await deposit.committed
  const approved = await approval
  t.equal(approved.pointsCredited, 200, 'the approval gets what the deposit left')
  t.equal(approved.reviewItem.status, 'approved')
  t.equal(await earnedOn(db, race.household.id, dayOne), cap)
  t.equal(await balanceOf(db, race.household.id), cap)
  t.same(await ledgerInvariantViolations(db), [])
})
