// Maker–checker adjustments and the review queue over HTTP.
import tap from 'tap'
import { balanceOf, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { aPendingReview, earnedOn } from '../review/review-fixture.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)

t.test('adjustments: counter asks, another manager approves or rejects', async t => {
  const h = await harness(t)
  const { household } = await aHouseholdWithCard(h.db, h.siteId)

  t.equal(errorCode(await h.counter.call('POST', '/api/adjustments', { householdId: household.id, points: 0, reason: 'x' })), 'VALIDATION_FAILED', 'zero points')
  t.equal(errorCode(await h.counter.call('POST', '/api/adjustments', { householdId: household.id, points: 10 })), 'VALIDATION_FAILED', 'reason required')
  t.equal(errorCode(await h.counter.call('POST', '/api/adjustments', { householdId: household.id, points: 10, reason: '   ' })), 'VALIDATION_FAILED', 'blank reason')

  const made = await h.counter.call('POST', '/api/adjustments', { householdId: household.id, points: 500, reason: 'kiosk 3 was offline on May 1' })
  t.equal(made.statusCode, 201)
  const adj = made.json()
  t.equal(adj.status, 'pending')
  t.equal(adj.requestedBy, h.counter.id)
  t.equal(await balanceOf(h.db, household.id), 0, 'nothing credited while pending')

  const pending = (await h.counter.call('GET', '/api/adjustments?status=pending')).json().adjustments as Array<{ id: string }>
  t.ok(pending.some(a => a.id === adj.id))
  t.same((await h.otherManager.call('GET', '/api/adjustments')).json().adjustments, [], 'other site sees none')

  t.equal((await h.counter.call('POST', `/api/adjustments/${adj.id}/approve`)).statusCode, 403, 'counter cannot approve')
  t.equal((await h.otherManager.call('POST', `/api/adjustments/${adj.id}/approve`)).statusCode, 403, 'other site cannot approve')
  const approved = await h.manager.call('POST', `/api/adjustments/${adj.id}/approve`)
  t.equal(approved.statusCode, 200)
  const a = approved.json()
  t.equal(a.adjustment.status, 'approved')
  t.equal(a.adjustment.decidedBy, h.manager.id)
  t.equal(a.entry.kind, 'adjust')
  t.equal(a.entry.points, 500)
  t.equal(a.entry.staffId, h.counter.id, 'entry names the requester')
  t.equal(a.entry.approvedBy, h.manager.id, 'and the approver')
  t.equal(a.entry.reason, 'kiosk 3 was offline on May 1')
  t.equal(a.balancePoints, 500)
  t.equal(errorCode(await h.manager2.call('POST', `/api/adjustments/${adj.id}/approve`)), 'ADJUSTMENT_DECIDED')

  const own = (await h.manager.call('POST', '/api/adjustments', { householdId: household.id, points: -200, reason: 'double credit' })).json()
  const same = await h.manager.call('POST', `/api/adjustments/${own.id}/approve`)
  t.equal(same.statusCode, 422)
  t.equal(errorCode(same), 'SAME_APPROVER')
  const rejected = await h.manager2.call('POST', `/api/adjustments/${own.id}/reject`)
  t.equal(rejected.statusCode, 200)
  t.equal(rejected.json().adjustment.status, 'rejected')
  t.equal(rejected.json().entry, null)
  t.equal(await balanceOf(h.db, household.id), 500, 'rejection changes no balance')

  const tooMuch = (await h.counter.call('POST', '/api/adjustments', { householdId: household.id, points: -501, reason: 'correction' })).json()
  t.equal(errorCode(await h.manager.call('POST', `/api/adjustments/${tooMuch.id}/approve`)), 'INSUFFICIENT_POINTS')
  t.equal((await h.counter.call('GET', '/api/adjustments')).json().adjustments.length, 1, 'the refused one stays pending')
  t.equal(errorCode(await h.manager.call('POST', '/api/adjustments/adj_nope/approve')), 'ADJUSTMENT_UNKNOWN')
  t.same(await ledgerInvariantViolations(h.db), [])
})

t.test('review queue: approve credits under the daily cap, reject credits nothing', async t => {
  const h = await harness(t)
  const site = (await h.admin.call('GET', `/api/sites/${h.siteId}`)).json()
  const cap = site.rateTable.dailyCapPoints as number
  t.ok(cap > 0, 'the default rate table has a daily cap')
  const { household } = await aHouseholdWithCard(h.db, h.siteId)
  const day = '2024-05-01'
  const big = await aPendingReview(h.db, { siteId: h.siteId, householdId: household.id, pointsComputed: cap - 100, localDay: day })
  const over = await aPendingReview(h.db, { siteId: h.siteId, householdId: household.id, pointsComputed: 300, localDay: day })
  const bad = await aPendingReview(h.db, { siteId: h.siteId, householdId: household.id, pointsComputed: 50, localDay: day })

  const list = await h.counter.call('GET', `/api/review-items?siteId=${h.siteId}&status=pending`)
  t.equal(list.statusCode, 200)
  t.same((list.json().reviewItems as Array<{ id: string }>).map(i => i.id).sort(), [big.id, over.id, bad.id].sort())
  t.equal(list.json().reviewItems[0].reasons[0].code, 'ABOVE_CAPACITY')
  t.equal((await h.counter.call('GET', `/api/review-items?siteId=${h.otherSiteId}`)).statusCode, 403)

  t.equal((await h.counter.call('POST', `/api/review-items/${big.id}/approve`)).statusCode, 403, 'counter cannot decide')
  const first = await h.manager.call('POST', `/api/review-items/${big.id}/approve`)
  t.equal(first.statusCode, 200)
  t.equal(first.json().pointsCredited, cap - 100)
  t.equal(first.json().entry.kind, 'earn')
  t.equal(first.json().entry.refType, 'deposit')
  t.equal(first.json().entry.refId, big.depositId)
  t.equal(first.json().entry.staffId, h.manager.id)
  t.equal(first.json().reviewItem.status, 'approved')

  const capped = await h.manager.call('POST', `/api/review-items/${over.id}/approve`)
  t.equal(capped.json().pointsCredited, 100, 'only what is left under the cap')
  t.equal(capped.json().balancePoints, cap)
  t.equal(await earnedOn(h.db, household.id, day), cap, 'daily earnings count the credits')

  const rejected = await h.manager.call('POST', `/api/review-items/${bad.id}/reject`)
  t.equal(rejected.statusCode, 200)
  t.equal(rejected.json().reviewItem.status, 'rejected')
  t.equal(rejected.json().pointsCredited, 0)
  t.equal(errorCode(await h.manager.call('POST', `/api/review-items/${bad.id}/approve`)), 'REVIEW_DECIDED')
  t.equal(errorCode(await h.manager.call('POST', '/api/review-items/rev_nope/approve')), 'REVIEW_UNKNOWN')
  t.equal(await balanceOf(h.db, household.id), cap)
  t.same((await h.counter.call('GET', '/api/review-items')).json().reviewItems, [], 'queue is empty')
  t.equal((await h.counter.call('GET', '/api/review-items?status=approved')).json().reviewItems.length, 2)
  t.same(await ledgerInvariantViolations(h.db), [])
})
