// The audit row of a staff action commits in the action's own transaction:
// it is in the database when the answer arrives (read at once, no flush, no
// waiting), and a refused or rolled-back action leaves only the row of its
// refusal, written before the answer. Both stores.
import t from 'tap'
import { appendEntry } from '../../../services/ledger/ledger.ts'
import { auditedCall } from './audited-call.ts'
import { harness } from './harness.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { capturedLog } from '../../helpers/captured-log.ts'
import { eachStore } from '../../helpers/stores.ts'
import { aPendingReview } from '../review/review-fixture.ts'

void eachStore(t, 'every mutating route commits its audit row with the action', async (t, store) => {
  const captured = capturedLog('warn')
  const disconnected: string[] = []
  const h = await harness(t, { store, log: captured.log, deviceSessions: { disconnect: id => { disconnected.push(id) } } })
  const call = auditedCall(t, h)
  const json = <T> (res: { json: () => unknown }) => res.json() as T

  t.equal((await call(h.admin, 'POST', '/api/sites', '/api/sites', { name: 'Audited compound' })).statusCode, 201)
  const site = json<{ rateTable: unknown }>(await h.admin.call('GET', `/api/sites/${h.siteId}`))
  t.equal((await call(h.manager, 'PUT', `/api/sites/${h.siteId}/rates`, '/api/sites/:siteId/rates', site.rateTable)).statusCode, 200)
  const household = json<{ id: string }>(await call(h.manager, 'POST', `/api/sites/${h.siteId}/households`, '/api/sites/:siteId/households', { label: '7-1-701' }))
  t.equal((await call(h.counter, 'POST', `/api/households/${household.id}/cards`, '/api/households/:id/cards', { uid: 'AUDITCARD0001' })).statusCode, 201)
  t.equal((await call(h.counter, 'POST', '/api/cards/AUDITCARD0001/report-lost', '/api/cards/:uid/report-lost')).statusCode, 200)
  t.equal((await call(h.manager, 'POST', '/api/cards/AUDITCARD0001/reactivate', '/api/cards/:uid/reactivate')).statusCode, 200)
  const item = json<{ id: string }>(await call(h.manager, 'POST', `/api/sites/${h.siteId}/shop-items`, '/api/sites/:siteId/shop-items', { name: 'Soap', pricePoints: 50, stock: 3 }))
  t.equal((await call(h.manager, 'PATCH', `/api/shop-items/${item.id}`, '/api/shop-items/:id', { stock: 5 })).statusCode, 200)

  const credit = json<{ id: string }>(await call(h.counter, 'POST', '/api/adjustments', '/api/adjustments', { householdId: household.id, points: 500, reason: 'opening balance' }))
  t.equal((await call(h.manager, 'POST', `/api/adjustments/${credit.id}/approve`, '/api/adjustments/:id/approve')).statusCode, 200)
  const refused = json<{ id: string }>(await call(h.counter, 'POST', '/api/adjustments', '/api/adjustments', { householdId: household.id, points: 9, reason: 'typo' }))
  t.equal((await call(h.manager, 'POST', `/api/adjustments/${refused.id}/reject`, '/api/adjustments/:id/reject')).statusCode, 200)
  const redeemed = json<{ entry: { id: string } }>(await call(h.counter, 'POST', '/api/redemptions', '/api/redemptions', { householdId: household.id, kind: 'item', itemId: item.id, quantity: 1 }, { 'idempotency-key': 'k1' }))
  const replay = await call(h.counter, 'POST', '/api/redemptions', '/api/redemptions', { householdId: household.id, kind: 'item', itemId: item.id, quantity: 1 }, { 'idempotency-key': 'k1' })
  t.equal(replay.headers['idempotent-replayed'], 'true', 'a replay is recorded too')
  t.equal((await call(h.manager, 'POST', `/api/ledger/${redeemed.entry.id}/reverse`, '/api/ledger/:entryId/reverse', { reason: 'wrong item' })).statusCode, 201)

  const review = await aPendingReview(h.db, { siteId: h.siteId, householdId: household.id, pointsComputed: 40, localDay: '2024-05-01' })
  const review2 = await aPendingReview(h.db, { siteId: h.siteId, householdId: household.id, pointsComputed: 40, localDay: '2024-05-01' })
  t.equal((await call(h.manager, 'POST', `/api/review-items/${review.id}/approve`, '/api/review-items/:id/approve')).statusCode, 200)
  t.equal((await call(h.manager, 'POST', `/api/review-items/${review2.id}/reject`, '/api/review-items/:id/reject')).statusCode, 200)

  t.equal((await call(h.admin, 'POST', `/api/sites/${h.siteId}/devices`, '/api/sites/:siteId/devices', { id: 'kiosk-audited', kind: 'kiosk' })).statusCode, 201)
  for (const action of ['disable', 'enable', 'rotate-secret']) {
    t.equal((await call(h.admin, 'POST', `/api/devices/kiosk-audited/${action}`, `/api/devices/:deviceId/${action}`)).statusCode, 200)
  }
  t.same(disconnected, ['kiosk-audited', 'kiosk-audited'], 'disable and rotation close the live connection (after the commit)')
  const newStaff = json<{ staff: { id: string } }>(await call(h.admin, 'POST', '/api/staff', '/api/staff', { username: 'audited.staff', name: 'Audited', role: 'counter', siteId: h.siteId }))
  t.equal((await call(h.admin, 'POST', `/api/staff/${newStaff.staff.id}/deactivate`, '/api/staff/:id/deactivate')).statusCode, 200)

  t.same(h.app.audit.counts(), { written: 0, failed: 0 }, 'no row was written apart from its action')
  // the one warning that is not about an action: a checkout where the staff web app is not built
  const warnings = captured.records().map(r => r.msg).filter(msg => !String(msg).startsWith('staff web app not built'))
  t.same(warnings, [], 'no warning: every action carried its row')
})

void eachStore(t, 'a refused action leaves only the row of its refusal, written before the answer', async (t, store) => {
  const h = await harness(t, { store })
  const call = auditedCall(t, h)
  const { household, card } = await aHouseholdWithCard(h.db, h.siteId)
  await appendEntry(h.db, { householdId: household.id, kind: 'earn', points: 100, idempotencyKey: 'seed-refused', nowMs: Date.now() })
  const item = (await h.manager.call('POST', `/api/sites/${h.siteId}/shop-items`, { name: 'Kettle', pricePoints: 10, stock: 1 })).json() as { id: string }
  const lastId = (await h.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id
  const writtenBefore = h.app.audit.counts().written

  const tooMuch = await call(h.counter, 'POST', '/api/redemptions', '/api/redemptions', { cardUid: card.uid, kind: 'cash', points: 500 }, { 'idempotency-key': 'too-much' })
  t.equal(tooMuch.statusCode, 409)
  t.equal((tooMuch.json() as { error: { code: string } }).error.code, 'INSUFFICIENT_POINTS')
  const outOfStock = await call(h.counter, 'POST', '/api/redemptions', '/api/redemptions', { householdId: household.id, kind: 'item', itemId: item.id, quantity: 2 }, { 'idempotency-key': 'no-stock' })
  t.equal(outOfStock.statusCode, 409)
  const forbidden = await call(h.counter, 'POST', `/api/cards/${card.uid}/block`, '/api/cards/:uid/block')
  t.equal(forbidden.statusCode, 403, 'refused before any transaction')

  const rows = await h.db.selectFrom('audit_log').select(['route', 'status_code', 'body_summary']).where('id', '>', lastId).orderBy('id').execute()
  t.same(rows.map(r => [r.route, r.status_code]), [['/api/redemptions', 409], ['/api/redemptions', 409], ['/api/cards/:uid/block', 403]], 'one row per refusal, none for the rolled-back success')
  t.same(JSON.parse(rows[1]!.body_summary ?? 'null'), { householdId: household.id, kind: 'item', itemId: item.id, quantity: 2 })
  t.equal(h.app.audit.counts().written - writtenBefore, 3, 'written apart from any action, before the answer')
  t.same(await h.db.selectFrom('redemptions').select('id').execute(), [], 'nothing redeemed')
  t.same((await h.db.selectFrom('ledger_entries').select('points').where('household_id', '=', household.id).execute()).map(e => e.points), [100], 'the ledger is unchanged')
  t.equal((await h.db.selectFrom('shop_items').select('stock').where('id', '=', item.id).executeTakeFirstOrThrow()).stock, 1, 'the stock is unchanged')
})
