// POST /api/redemptions over HTTP: cash and item, idempotency, errors that
// change nothing, stock under concurrency, receipts and reversal.
import tap, { type Test as Tap } from 'tap'
import { appendEntry, balanceOf, ledgerInvariantViolations, MAX_BALANCE_POINTS } from '../../../services/ledger/ledger.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { errorCode, harness, type Harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)

async function funded (h: Harness, points: number, siteId = h.siteId) {
  const hc = await aHouseholdWithCard(h.db, siteId)
  await appendEntry(h.db, { householdId: hc.household.id, kind: 'earn', points, idempotencyKey: `seed:${hc.household.id}`, nowMs: Date.now() })
  return hc
}

async function anItem (t: Tap, h: Harness, pricePoints: number, stock: number) {
  const res = await h.manager.call('POST', `/api/sites/${h.siteId}/shop-items`, { name: 'Dish soap 500 ml', pricePoints, stock })
  t.equal(res.statusCode, 201, 'shop item created')
  return res.json() as { id: string }
}

const counts = async (h: Harness) => ({
  entries: Number((await h.db.selectFrom('ledger_entries').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  redemptions: Number((await h.db.selectFrom('redemptions').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
})

t.test('cash redemption by card: debit, receipt, replay, key reuse', async t => {
  const h = await harness(t)
  const { household, card } = await funded(h, 1234)
  const body = { cardUid: card.uid, kind: 'cash', points: 1005 }
  const first = await h.counter.call('POST', '/api/redemptions', body, { 'idempotency-key': 'k-cash-1' })
  t.equal(first.statusCode, 201)
  const r = first.json()
  t.equal(r.balancePoints, 229)
  t.equal(r.entry.points, -1005)
  t.equal(r.entry.kind, 'redeem')
  t.equal(r.entry.staffId, h.counter.id)
  t.equal(r.entry.refType, 'redemption')
  t.equal(r.entry.refId, r.redemption.id)
  t.equal(r.redemption.points, 1005)
  t.match(r.receipt, /CNY 10\.05/, 'yuan from integer fen')
  t.match(r.receipt, new RegExp(household.label))
  t.match(r.receipt, new RegExp(r.redemption.id))
  t.match(r.receipt, /Balance after\s+229/)

  const before = await counts(h)
  const replay = await h.counter.call('POST', '/api/redemptions', body, { 'idempotency-key': 'k-cash-1' })
  t.equal(replay.statusCode, 201, 'replay has the original status')
  t.same(replay.json(), r, 'replay returns the original response')
  t.equal(replay.headers['idempotent-replayed'], 'true')
  t.same(await counts(h), before, 'replay changes nothing')
  t.equal(await balanceOf(h.db, household.id), 229)

  const reused = await h.counter.call('POST', '/api/redemptions', { ...body, points: 1 }, { 'idempotency-key': 'k-cash-1' })
  t.equal(reused.statusCode, 422)
  t.equal(errorCode(reused), 'IDEMPOTENCY_KEY_REUSED')
  t.same(await counts(h), before)

  const otherStaff = await h.manager.call('POST', '/api/redemptions', { householdId: household.id, kind: 'cash', points: 29 }, { 'idempotency-key': 'k-cash-1' })
  t.equal(otherStaff.statusCode, 201, 'keys are scoped per staff member')
  t.equal(otherStaff.json().balancePoints, 200)

  const receipt = await h.counter.call('GET', `/api/redemptions/${r.redemption.id}/receipt`)
  t.equal(receipt.statusCode, 200)
  t.match(receipt.headers['content-type'], /^text\/plain/)
  t.equal(receipt.body, r.receipt, 'the printed receipt is the one returned at redemption')
  t.equal(errorCode(await h.otherManager.call('GET', `/api/redemptions/${r.redemption.id}/receipt`)), 'FORBIDDEN')
  t.equal(errorCode(await h.counter.call('GET', '/api/redemptions/rdm_nope/receipt')), 'REDEMPTION_UNKNOWN')
  t.same(await ledgerInvariantViolations(h.db), [])
})

t.test('refusals change nothing', async t => {
  const h = await harness(t)
  const { household, card } = await funded(h, 300)
  const item = await anItem(t, h, 100, 1)
  const before = await counts(h)
  const cases: Array<{ name: string, body: unknown, key?: string, status: number, code: string }> = [
    { name: 'no Idempotency-Key', body: { householdId: household.id, kind: 'cash', points: 1 }, status: 400, code: 'IDEMPOTENCY_KEY_REQUIRED' },
    { name: 'overdraw', body: { householdId: household.id, kind: 'cash', points: 301 }, key: 'a', status: 409, code: 'INSUFFICIENT_POINTS' },
    { name: 'overdraw with items', body: { householdId: household.id, kind: 'item', itemId: item.id, quantity: 4 }, key: 'b', status: 409, code: 'OUT_OF_STOCK' },
    { name: 'unknown card', body: { cardUid: 'NO-SUCH-CARD', kind: 'cash', points: 1 }, key: 'c', status: 404, code: 'CARD_UNKNOWN' },
    { name: 'unknown household', body: { householdId: 'hh_nope', kind: 'cash', points: 1 }, key: 'd', status: 404, code: 'HOUSEHOLD_UNKNOWN' },
    { name: 'unknown item', body: { householdId: household.id, kind: 'item', itemId: 'item_nope' }, key: 'e', status: 404, code: 'ITEM_UNKNOWN' },
    { name: 'both targets', body: { householdId: household.id, cardUid: card.uid, kind: 'cash', points: 1 }, key: 'f', status: 400, code: 'VALIDATION_FAILED' },
    { name: 'no target', body: { kind: 'cash', points: 1 }, key: 'g', status: 400, code: 'VALIDATION_FAILED' },
    { name: 'zero points', body: { householdId: household.id, kind: 'cash', points: 0 }, key: 'h', status: 400, code: 'VALIDATION_FAILED' },
    { name: 'fractional points', body: { householdId: household.id, kind: 'cash', points: 1.5 }, key: 'i', status: 400, code: 'VALIDATION_FAILED' },
    { name: 'unknown kind', body: { householdId: household.id, kind: 'gold', points: 1 }, key: 'j', status: 400, code: 'VALIDATION_FAILED' }
  ]
  for (const c of cases) {
    const res = await h.counter.call('POST', '/api/redemptions', c.body, c.key == null ? {} : { 'idempotency-key': c.key })
    t.equal(res.statusCode, c.status, `${c.name}: status`)
    t.equal(errorCode(res), c.code, `${c.name}: code`)
  }
  t.same(await counts(h), before, 'nothing was written')
  t.equal(await balanceOf(h.db, household.id), 300)

  const lost = await h.counter.call('POST', `/api/cards/${card.uid}/report-lost`)
  t.equal(lost.statusCode, 200)
  const res = await h.counter.call('POST', '/api/redemptions', { cardUid: card.uid, kind: 'cash', points: 1 }, { 'idempotency-key': 'lost' })
  t.equal(res.statusCode, 409)
  t.equal(errorCode(res), 'CARD_LOST')
  t.equal((await h.manager.call('POST', `/api/cards/${card.uid}/block`)).statusCode, 200)
  t.equal(errorCode(await h.counter.call('POST', '/api/redemptions', { cardUid: card.uid, kind: 'cash', points: 1 }, { 'idempotency-key': 'blocked' })), 'CARD_BLOCKED')

  const other = await funded(h, 500, h.otherSiteId)
  const beforeForeign = await counts(h)
  const foreign = await h.counter.call('POST', '/api/redemptions', { householdId: other.household.id, kind: 'cash', points: 1 }, { 'idempotency-key': 'foreign' })
  t.equal(foreign.statusCode, 403, 'a site-bound counter cannot redeem for another site')
  t.same(await counts(h), beforeForeign)

  const retried = await h.counter.call('POST', '/api/redemptions', { householdId: household.id, kind: 'cash', points: 300 }, { 'idempotency-key': 'a' })
  t.equal(retried.statusCode, 201, 'a failed key stores nothing; a corrected retry may use it')
  t.same(await ledgerInvariantViolations(h.db), [])
})

t.test('an item redemption whose total passes a 32-bit integer is refused alike on both stores, and changes nothing', async t => {
  const h = await harness(t)
  const { household } = await funded(h, MAX_BALANCE_POINTS)
  const item = await anItem(t, h, 1_000_000_000, 5)
  const before = await counts(h)
  const res = await h.counter.call('POST', '/api/redemptions', { householdId: household.id, kind: 'item', itemId: item.id, quantity: 3 }, { 'idempotency-key': 'huge' })
  t.equal(res.statusCode, 409, '3 × 1,000,000,000 points is more than any balance can hold')
  t.equal(errorCode(res), 'INSUFFICIENT_POINTS')
  t.match(res.json().error, { message: /3000000000 asked/, details: { availablePoints: MAX_BALANCE_POINTS } })
  t.same(await counts(h), before, 'nothing was written')
  t.equal(await balanceOf(h.db, household.id), MAX_BALANCE_POINTS)
  const items = (await h.counter.call('GET', `/api/sites/${h.siteId}/shop-items`)).json().items as Array<{ id: string, stock: number }>
  t.equal(items.find(i => i.id === item.id)?.stock, 5, 'stock unchanged')
  const two = await h.counter.call('POST', '/api/redemptions', { householdId: household.id, kind: 'item', itemId: item.id, quantity: 2 }, { 'idempotency-key': 'huge' })
  t.equal(two.statusCode, 201, 'two, within the balance, go through with the same key')
  t.equal(two.json().balancePoints, MAX_BALANCE_POINTS - 2_000_000_000)
  t.same(await ledgerInvariantViolations(h.db), [])
})

t.test('20 concurrent item redemptions against stock 5: exactly 5 succeed', async t => {
  const h = await harness(t)
  const item = await anItem(t, h, 150, 5)
  const households = await Promise.all(Array.from({ length: 20 }, () => funded(h, 1000)))
  const results = await Promise.all(households.map(({ card }, i) =>
    h.counter.call('POST', '/api/redemptions', { cardUid: card.uid, kind: 'item', itemId: item.id, quantity: 1 }, { 'idempotency-key': `item-${i}` })))
  const ok = results.filter(r => r.statusCode === 201)
  const refused = results.filter(r => r.statusCode !== 201)
  t.equal(ok.length, 5)
  t.equal(refused.length, 15)
  t.ok(refused.every(r => r.statusCode === 409 && errorCode(r) === 'OUT_OF_STOCK'), 'the rest are OUT_OF_STOCK')
  const items = (await h.counter.call('GET', `/api/sites/${h.siteId}/shop-items`)).json().items as Array<{ id: string, stock: number }>
  t.equal(items.find(i => i.id === item.id)?.stock, 0)
  const balances = await Promise.all(households.map(hc => balanceOf(h.db, hc.household.id)))
  t.equal(balances.filter(b => b === 850).length, 5, 'five households paid 150')
  t.equal(balances.filter(b => b === 1000).length, 15, 'the others paid nothing')
  t.same(await ledgerInvariantViolations(h.db), [])
})

// A reversal of a debit gives the points back: the manager who made the debit may not reverse it
// (a cash payout, then its reversal, would leave the balance whole and the cash in a pocket).
t.test('a debit is reversed by someone other than the staff member who made it', async t => {
  const h = await harness(t)
  const { household } = await funded(h, 1000)
  const paid = await h.manager.call('POST', '/api/redemptions', { householdId: household.id, kind: 'cash', points: 500 }, { 'idempotency-key': 'own-cash' })
  t.equal(paid.statusCode, 201)
  const own = await h.manager.call('POST', `/api/ledger/${paid.json().entry.id}/reverse`, { reason: 'mistake' })
  t.match({ status: own.statusCode, code: errorCode(own) }, { status: 422, code: 'SAME_APPROVER' }, 'not by the manager who paid it out')
  t.equal(await balanceOf(h.db, household.id), 500, 'nothing changed')
  const other = await h.siteAdmin.call('POST', `/api/ledger/${paid.json().entry.id}/reverse`, { reason: 'mistake' })
  t.equal(other.statusCode, 201, 'another manager or admin of the site may')
  t.equal(other.json().balancePoints, 1000)
  t.same(await ledgerInvariantViolations(h.db), [])
})

t.test('item redemption, receipt, reversal restores stock', async t => {
  const h = await harness(t)
  const { household } = await funded(h, 1000)
  const item = await anItem(t, h, 120, 10)
  const res = await h.counter.call('POST', '/api/redemptions', { householdId: household.id, kind: 'item', itemId: item.id, quantity: 3 }, { 'idempotency-key': 'items-1' })
  t.equal(res.statusCode, 201)
  const r = res.json()
  t.equal(r.redemption.points, 360)
  t.equal(r.redemption.quantity, 3)
  t.equal(r.balancePoints, 640)
  t.match(r.receipt, /Dish soap 500 ml/)
  t.match(r.receipt, /3 x 120 pts\s+360 pts/)
  t.match(r.receipt, /CNY 3\.60/)
  const stockOf = async () => ((await h.counter.call('GET', `/api/sites/${h.siteId}/shop-items`)).json().items as Array<{ id: string, stock: number }>).find(i => i.id === item.id)?.stock
  t.equal(await stockOf(), 7)

  t.equal((await h.counter.call('POST', `/api/ledger/${r.entry.id}/reverse`, { reason: 'wrong item' })).statusCode, 403, 'counter may not reverse')
  t.equal(errorCode(await h.manager.call('POST', `/api/ledger/${r.entry.id}/reverse`, {})), 'VALIDATION_FAILED', 'a reason is required')
  const rev = await h.manager.call('POST', `/api/ledger/${r.entry.id}/reverse`, { reason: 'wrong item' })
  t.equal(rev.statusCode, 201)
  t.equal(rev.json().entry.points, 360)
  t.equal(rev.json().entry.staffId, h.manager.id)
  t.equal(rev.json().balancePoints, 1000)
  t.equal(rev.json().restoredStock, 3)
  t.equal(await stockOf(), 10, 'stock restored')
  const again = await h.manager.call('POST', `/api/ledger/${r.entry.id}/reverse`, { reason: 'twice' })
  t.equal(again.statusCode, 409)
  t.equal(errorCode(again), 'ALREADY_REVERSED')
  t.equal(await stockOf(), 10, 'stock restored once only')
  t.match((await h.counter.call('GET', `/api/redemptions/${r.redemption.id}/receipt`)).body, /REVERSED/)
  t.equal(errorCode(await h.manager.call('POST', '/api/ledger/le_nope/reverse', { reason: 'x' })), 'ENTRY_UNKNOWN')
  t.equal((await h.otherManager.call('POST', `/api/ledger/${r.entry.id}/reverse`, { reason: 'x' })).statusCode, 403)
  t.same(await ledgerInvariantViolations(h.db), [])
})
