// Card numbers never reach the logs or the audit log in clear: every HTTP
// route that takes a card (link, look-up, lost / block / reactivate / unlink,
// redemption by card, an unmatched card URL) is called through the real app
// with the real logger at trace level, and neither the captured log nor the
// audit rows contain the hidden part of any card number. The masked form
// (last 4) is there, so the check is not passing on empty logs.
import { randomBytes } from 'node:crypto'
import t from 'tap'
import { appendEntry } from '../../../services/ledger/ledger.ts'
import { maskCard } from '../../../services/redaction.ts'
import { capturedLog } from '../../helpers/captured-log.ts'
import { eachStore } from '../../helpers/stores.ts'
import { harness } from './harness.ts'

/** A card number whose first part (everything but the last 4) is random, so it cannot appear by chance. */
const aCardUid = () => `C${randomBytes(6).toString('hex').toUpperCase()}7A3F`
const hiddenPart = (uid: string) => uid.slice(0, -4)

void eachStore(t, 'card numbers are masked in logs and audit rows on every card route', async (t, store) => {
  const captured = capturedLog('trace')
  const h = await harness(t, { store, log: captured.log })
  const uid = aCardUid()
  const unknown = aCardUid()

  const household = (await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '5-1-501' })).json() as { id: string }
  const expect = async (res: Promise<{ statusCode: number }>, label: string, status: number) => { t.equal((await res).statusCode, status, label) }
  await expect(h.counter.call('POST', `/api/households/${household.id}/cards`, { uid }), 'link', 201)
  await expect(h.counter.call('GET', `/api/cards/${uid}`), 'look up', 200)
  await expect(h.counter.call('GET', `/api/cards/${unknown}`), 'look up unknown', 404)
  await expect(h.counter.call('POST', `/api/cards/${uid}/report-lost`), 'report lost', 200)
  await expect(h.manager.call('POST', `/api/cards/${uid}/reactivate`), 'reactivate', 200)
  await expect(h.manager.call('POST', `/api/cards/${uid}/block`), 'block', 200)
  await expect(h.manager.call('POST', `/api/cards/${uid}/reactivate`), 'reactivate again', 200)
  await expect(h.manager.call('POST', `/api/cards/${unknown}/block`), 'block unknown', 404)
  await expect(h.counter.call('POST', `/api/cards/${uid}/no-such-action`), 'unmatched route', 404)
  await appendEntry(h.db, { householdId: household.id, kind: 'earn', points: 300, idempotencyKey: `seed-${uid}`, nowMs: Date.now() })
  await expect(h.counter.call('POST', '/api/redemptions', { cardUid: uid, kind: 'cash', points: 100 }, { 'idempotency-key': 'r1' }), 'redeem by card', 201)
  await expect(h.counter.call('POST', '/api/redemptions', { cardUid: uid, kind: 'cash', points: 100_000 }, { 'idempotency-key': 'r2' }), 'redeem too much', 409)
  await expect(h.counter.call('POST', '/api/redemptions', { cardUid: unknown, kind: 'cash', points: 1 }, { 'idempotency-key': 'r3' }), 'redeem unknown card', 404)
  await expect(h.counter.call('POST', `/api/cards/${uid}/unlink`), 'unlink', 200)

  await h.app.audit.flush()
  const rows = await h.db.selectFrom('audit_log').selectAll().orderBy('id').execute()
  const logText = captured.text()
  for (const card of [uid, unknown]) {
    t.notMatch(logText, hiddenPart(card), 'the card number is not in the logs')
    t.notMatch(JSON.stringify(rows), hiddenPart(card), 'nor in the audit rows')
  }

  // what is there instead: the masked form
  const logged = captured.records()
  const statusChanges = logged.filter(r => r.msg === 'card status changed').map(r => [r.uid, r.status])
  t.same(statusChanges, [[maskCard(uid), 'lost'], [maskCard(uid), 'active'], [maskCard(uid), 'blocked'], [maskCard(uid), 'active'], [maskCard(uid), 'unlinked']])
  const urls = logged.filter(r => r.msg === 'incoming request').map(r => (r.req as { url: string }).url)
  t.ok(urls.includes(`/api/cards/${maskCard(uid)}/block`), 'request URLs are logged masked')
  t.ok(urls.includes(`/api/cards/${maskCard(uid)}/no-such-action`), 'also when no route matched')
  const cardRows = rows.filter(r => r.route.startsWith('/api/cards/'))
  t.same(cardRows.map(r => JSON.parse(r.params) as unknown), [
    { uid: maskCard(uid) }, { uid: maskCard(uid) }, { uid: maskCard(uid) }, { uid: maskCard(uid) }, { uid: maskCard(unknown) }, { uid: maskCard(uid) }
  ], 'audit params carry the masked card')
  const summariesOf = (route: string) => rows.filter(r => r.route === route).map(r => JSON.parse(r.body_summary ?? 'null') as unknown)
  t.same(summariesOf('/api/households/:id/cards'), [{ uid: maskCard(uid) }], 'audit body summaries carry the masked card')
  t.same(summariesOf('/api/redemptions'), [
    { cardUid: maskCard(uid), kind: 'cash', points: 100 },
    { cardUid: maskCard(uid), kind: 'cash', points: 100_000 },
    { cardUid: maskCard(unknown), kind: 'cash', points: 1 }
  ], 'and the redemptions by card')
})
