// Happy paths of the registry-style endpoints: sites, devices, households,
// cards, ledger history, shop items and staff.
import tap from 'tap'
import { defaultRateTable } from '../../../schemas/rate-table.ts'
import { appendEntry, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { checkDeviceSecret } from '../../../services/devices/secrets.ts'
import { authenticateStaff } from '../../../services/staff/staff.ts'
import { testPepper } from '../../fixtures/builders.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)

t.test('sites and rates', async t => {
  const h = await harness(t)
  const created = await h.admin.call('POST', '/api/sites', { id: 'lotus', name: 'Lotus Garden', timezone: 'Asia/Urumqi' })
  t.equal(created.statusCode, 201)
  t.match(created.json(), { id: 'lotus', name: 'Lotus Garden', timezone: 'Asia/Urumqi', rateTable: defaultRateTable })
  t.equal(errorCode(await h.admin.call('POST', '/api/sites', { id: 'lotus', name: 'again' })), 'CONFLICT')
  const all = (await h.admin.call('GET', '/api/sites')).json().sites as Array<{ id: string }>
  t.ok(all.some(s => s.id === 'lotus') && all.some(s => s.id === h.siteId), 'admin sees all sites')
  t.same(((await h.counter.call('GET', '/api/sites')).json().sites as Array<{ id: string }>).map(s => s.id), [h.siteId], 'site staff see their site')
  t.equal((await h.counter.call('GET', `/api/sites/${h.siteId}`)).json().id, h.siteId)
  t.equal(errorCode(await h.admin.call('GET', '/api/sites/nope')), 'SITE_UNKNOWN')
  const rates = { ...defaultRateTable, dailyCapPoints: 999 }
  const put = await h.manager.call('PUT', `/api/sites/${h.siteId}/rates`, rates)
  t.equal(put.statusCode, 200)
  t.equal(put.json().rateTable.dailyCapPoints, 999)
  t.equal(errorCode(await h.manager.call('PUT', `/api/sites/${h.siteId}/rates`, { ...rates, dailyCapPoints: -1 })), 'VALIDATION_FAILED')
})

t.test('devices and dead letters', async t => {
  const h = await harness(t)
  const made = await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/devices`, { id: 'kiosk-a1', kind: 'kiosk', name: 'Gate A kiosk' })
  t.equal(made.statusCode, 201)
  const { device, secret } = made.json()
  t.match(device, { id: 'kiosk-a1', siteId: h.siteId, kind: 'kiosk', name: 'Gate A kiosk', status: 'active', online: false })
  t.notOk('secretHash' in device || 'secret_hash' in device, 'no hash in the response')
  const row = await h.db.selectFrom('devices').select('secret_hash').where('id', '=', 'kiosk-a1').executeTakeFirstOrThrow()
  t.equal(await checkDeviceSecret(testPepper(), secret, row.secret_hash), 'match', 'the secret shown matches the stored hash')
  t.equal(errorCode(await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/devices`, { id: 'kiosk-a1', kind: 'kiosk' })), 'CONFLICT')
  t.equal(errorCode(await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/devices`, { id: 'k2', kind: 'toaster' })), 'VALIDATION_FAILED')
  const list = (await h.counter.call('GET', `/api/sites/${h.siteId}/devices`)).json().devices as Array<{ id: string }>
  t.same(list.map(d => d.id), ['kiosk-a1'])

  for (const [i, at] of [[1, 1000], [2, 3000], [3, 2000]] as const) {
    await h.db.insertInto('dead_letters').values({ id: `dl${i}`, device_id: 'kiosk-a1', topic: 'devices/kiosk-a1/events/deposit', event_id: null, code: 'SCHEMA_VIOLATION', reason: 'bad', payload: '{}', received_at_ms: at }).execute()
  }
  t.equal((await h.counter.call('GET', '/api/devices/kiosk-a1/dead-letters')).statusCode, 403, 'counter may not read dead letters')
  const dl = await h.manager.call('GET', '/api/devices/kiosk-a1/dead-letters?limit=2')
  t.equal(dl.statusCode, 200)
  t.same((dl.json().deadLetters as Array<{ id: string }>).map(d => d.id), ['dl2', 'dl3'], 'newest first, limited')
  t.equal((await h.otherManager.call('GET', '/api/devices/kiosk-a1/dead-letters')).statusCode, 403)
  t.equal(errorCode(await h.manager.call('GET', '/api/devices/nope/dead-letters')), 'DEVICE_UNKNOWN')
})

t.test('households, cards and ledger history', async t => {
  const h = await harness(t)
  const made = await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '3-2-501' })
  t.equal(made.statusCode, 201)
  const household = made.json()
  t.match(household, { siteId: h.siteId, label: '3-2-501', status: 'active', balancePoints: 0 })
  await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '3-2-502' })
  await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '4-1-101' })
  t.equal(errorCode(await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '3-2-501' })), 'CONFLICT')

  const byPrefix = (await h.counter.call('GET', '/api/households?label=3-2-')).json().households as Array<{ label: string }>
  t.same(byPrefix.map(x => x.label), ['3-2-501', '3-2-502'], 'label prefix, defaulting to my site')
  const exact = (await h.admin.call('GET', `/api/households?siteId=${h.siteId}&label=3-2-501`)).json().households as Array<{ id: string }>
  t.same(exact.map(x => x.id), [household.id])

  const linked = await h.counter.call('POST', `/api/households/${household.id}/cards`, { uid: 'CARD-0001' })
  t.equal(linked.statusCode, 201)
  t.match(linked.json(), { uid: 'CARD-0001', householdId: household.id, status: 'active' })
  t.equal(errorCode(await h.counter.call('POST', `/api/households/${household.id}/cards`, { uid: 'CARD-0001' })), 'CONFLICT')
  t.equal(errorCode(await h.counter.call('POST', `/api/households/${household.id}/cards`, { uid: 'no spaces' })), 'VALIDATION_FAILED')

  for (let i = 1; i <= 3; i++) await appendEntry(h.db, { householdId: household.id, kind: 'earn', points: 10 * i, idempotencyKey: `e${i}`, nowMs: 1000 + i })
  const view = await h.counter.call('GET', `/api/households/${household.id}`)
  t.equal(view.statusCode, 200)
  t.equal(view.json().balancePoints, 60)
  t.same((view.json().cards as Array<{ uid: string }>).map(c => c.uid), ['CARD-0001'])
  t.equal(errorCode(await h.counter.call('GET', '/api/households/hh_nope')), 'HOUSEHOLD_UNKNOWN')
  t.equal((await h.otherManager.call('GET', `/api/households/${household.id}`)).statusCode, 403)

  const card = await h.counter.call('GET', '/api/cards/CARD-0001')
  t.equal(card.statusCode, 200)
  t.equal(card.json().household.id, household.id)
  t.equal(card.json().balancePoints, 60)
  const unknown = await h.counter.call('GET', '/api/cards/CARD-9999')
  t.equal(unknown.statusCode, 404)
  t.equal(errorCode(unknown), 'CARD_UNKNOWN')

  const page1 = (await h.counter.call('GET', `/api/households/${household.id}/ledger?limit=2`)).json()
  t.same(page1.entries.map((e: { points: number }) => e.points), [30, 20], 'newest first')
  t.equal(page1.balancePoints, 60)
  const page2 = (await h.counter.call('GET', `/api/households/${household.id}/ledger?limit=2&before=${page1.nextBefore}`)).json()
  t.same(page2.entries.map((e: { points: number }) => e.points), [10])
  t.equal(page2.nextBefore, null)

  const transitions: Array<[typeof h.counter, string, string]> = [
    [h.counter, 'report-lost', 'lost'], [h.manager, 'reactivate', 'active'], [h.manager, 'block', 'blocked'],
    [h.manager, 'reactivate', 'active'], [h.counter, 'unlink', 'unlinked']
  ]
  for (const [who, action, status] of transitions) {
    const res = await who.call('POST', `/api/cards/CARD-0001/${action}`)
    t.equal(res.statusCode, 200, action)
    t.equal(res.json().status, status, action)
  }
  t.equal((await h.counter.call('POST', '/api/cards/CARD-0001/block')).statusCode, 403, 'counter may not block')
  t.equal((await h.counter.call('POST', '/api/cards/CARD-0001/reactivate')).statusCode, 403, 'counter may not reactivate')
  const unlinked = (await h.counter.call('GET', '/api/cards/CARD-0001')).json()
  t.equal(unlinked.household, null)
  t.equal(unlinked.card.status, 'unlinked')
  t.equal(errorCode(await h.counter.call('POST', '/api/cards/CARD-9999/report-lost')), 'CARD_UNKNOWN')
  t.same(await ledgerInvariantViolations(h.db), [])
})

t.test('a lost or blocked card is unlinked only by a manager, so the counter cannot undo a block by unlinking and linking again', async t => {
  const h = await harness(t)
  const household = (await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '1-1-101' })).json()
  const other = (await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '1-1-102' })).json()
  for (const [uid, action, status] of [['CARD-B001', 'block', 'blocked'], ['CARD-L001', 'report-lost', 'lost']] as const) {
    t.equal((await h.counter.call('POST', `/api/households/${household.id}/cards`, { uid })).statusCode, 201)
    t.equal((await h.manager.call('POST', `/api/cards/${uid}/${action}`)).json().status, status)
    const refused = await h.counter.call('POST', `/api/cards/${uid}/unlink`)
    t.equal(refused.statusCode, 403, `counter may not unlink a ${status} card`)
    t.equal(errorCode(refused), 'FORBIDDEN')
    t.match(refused.json().error?.message, `a ${status} card`)
    const after = (await h.counter.call('GET', `/api/cards/${uid}`)).json()
    t.match(after.card, { status, householdId: household.id }, 'nothing changed')
    t.equal(errorCode(await h.counter.call('POST', `/api/households/${other.id}/cards`, { uid })), 'CONFLICT', `a ${status} card cannot be linked again`)
    t.match((await h.counter.call('GET', `/api/cards/${uid}`)).json().card, { status, householdId: household.id }, 'still refused at kiosks and gates')
    const unlinked = await h.manager.call('POST', `/api/cards/${uid}/unlink`)
    t.equal(unlinked.statusCode, 200, `a manager unlinks a ${status} card`)
    t.equal(unlinked.json().status, 'unlinked')
  }
  t.equal((await h.counter.call('POST', `/api/households/${household.id}/cards`, { uid: 'CARD-A001' })).statusCode, 201)
  t.equal((await h.counter.call('POST', '/api/cards/CARD-A001/unlink')).json().status, 'unlinked', 'the counter still takes back an active card')
})

t.test('a blocked card reported lost at the counter stays blocked: the manager\'s block is not turned into bad luck', async t => {
  const h = await harness(t)
  const household = (await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '1-1-103' })).json()
  t.equal((await h.counter.call('POST', `/api/households/${household.id}/cards`, { uid: 'CARD-B002' })).statusCode, 201)
  t.equal((await h.manager.call('POST', '/api/cards/CARD-B002/block')).json().status, 'blocked')
  const refused = await h.counter.call('POST', '/api/cards/CARD-B002/report-lost')
  t.equal(refused.statusCode, 403)
  t.equal(errorCode(refused), 'FORBIDDEN')
  t.match(refused.json().error?.message, 'blocked')
  t.equal((await h.counter.call('GET', '/api/cards/CARD-B002')).json().card.status, 'blocked', 'nothing changed')
  t.equal((await h.manager.call('POST', '/api/cards/CARD-B002/report-lost')).json().status, 'lost', 'a manager may')
  t.equal((await h.counter.call('POST', `/api/households/${household.id}/cards`, { uid: 'CARD-L002' })).statusCode, 201)
  t.equal((await h.counter.call('POST', '/api/cards/CARD-L002/report-lost')).json().status, 'lost', 'the counter still reports an active card lost')
})

t.test('shop items', async t => {
  const h = await harness(t)
  const made = await h.manager.call('POST', `/api/sites/${h.siteId}/shop-items`, { name: 'Rice 5 kg', pricePoints: 2500, stock: 4 })
  t.equal(made.statusCode, 201)
  const item = made.json()
  t.match(item, { siteId: h.siteId, name: 'Rice 5 kg', pricePoints: 2500, stock: 4, active: true })
  t.equal(errorCode(await h.manager.call('POST', `/api/sites/${h.siteId}/shop-items`, { name: 'x', pricePoints: 0, stock: 1 })), 'VALIDATION_FAILED')
  const patched = await h.manager.call('PATCH', `/api/shop-items/${item.id}`, { stock: 9, pricePoints: 2400 })
  t.match(patched.json(), { stock: 9, pricePoints: 2400, active: true })
  t.equal(errorCode(await h.manager.call('PATCH', `/api/shop-items/${item.id}`, {})), 'VALIDATION_FAILED', 'empty change')
  t.equal(errorCode(await h.manager.call('PATCH', `/api/shop-items/${item.id}`, { stock: -1 })), 'VALIDATION_FAILED')
  t.equal((await h.counter.call('PATCH', `/api/shop-items/${item.id}`, { stock: 1 })).statusCode, 403)
  t.equal((await h.otherManager.call('PATCH', `/api/shop-items/${item.id}`, { stock: 1 })).statusCode, 403)
  t.equal(errorCode(await h.manager.call('PATCH', '/api/shop-items/item_nope', { stock: 1 })), 'ITEM_UNKNOWN')
  await h.manager.call('PATCH', `/api/shop-items/${item.id}`, { active: false })
  t.same((await h.counter.call('GET', `/api/sites/${h.siteId}/shop-items`)).json().items, [], 'inactive items are hidden')
  t.equal((await h.counter.call('GET', `/api/sites/${h.siteId}/shop-items?includeInactive=true`)).json().items.length, 1)
})

t.test('staff accounts', async t => {
  const h = await harness(t)
  const made = await h.admin.call('POST', '/api/staff', { username: 'li.na', name: 'Li Na', role: 'counter', siteId: h.siteId })
  t.equal(made.statusCode, 201)
  const { staff, token } = made.json()
  t.match(staff, { username: 'li.na', name: 'Li Na', role: 'counter', siteId: h.siteId, active: true })
  t.equal((await authenticateStaff(h.db, token))?.id, staff.id, 'the token works')
  const row = await h.db.selectFrom('staff').select('token_hash').where('id', '=', staff.id).executeTakeFirstOrThrow()
  t.not(row.token_hash, token, 'the token is stored hashed')
  t.equal(errorCode(await h.admin.call('POST', '/api/staff', { username: 'li.na', name: 'Again', role: 'counter' })), 'CONFLICT')
  t.equal(errorCode(await h.admin.call('POST', '/api/staff', { username: 'Bad Name', name: 'x', role: 'counter' })), 'VALIDATION_FAILED')
  t.equal(errorCode(await h.admin.call('POST', '/api/staff', { username: 'x1', name: 'x', role: 'boss' })), 'VALIDATION_FAILED')
  t.equal(errorCode(await h.admin.call('POST', '/api/staff', { username: 'x2', name: 'x', role: 'counter', siteId: 'nope' })), 'SITE_UNKNOWN')
  const siteMade = await h.siteAdmin.call('POST', '/api/staff', { username: 'wang', name: 'Wang', role: 'manager', siteId: h.siteId })
  t.equal(siteMade.statusCode, 201, 'a site admin creates staff for the site')
  t.equal((await h.siteAdmin.call('POST', '/api/staff', { username: 'zhao', name: 'Zhao', role: 'manager', siteId: h.otherSiteId })).statusCode, 403)
  const listed = (await h.siteAdmin.call('GET', '/api/staff')).json().staff as Array<{ siteId: string | null }>
  t.ok(listed.length > 0 && listed.every(s => s.siteId === h.siteId), 'a site admin lists the site staff only')
})
