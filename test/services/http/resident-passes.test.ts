// Residents' visitor passes over HTTP on both stores: the site's limits (set
// by a manager, audited, defaults otherwise), each refusal with its reason
// and nothing stored, the household's passes (listed and revoked by any of
// its residents, never by another household's), and two overlapping requests
// of one household at its limit on separate connections: exactly one wins.
import t from 'tap'
import { defaultPassLimits } from '../../../services/residents/pass-limits.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { aResident, appsOnConnections, injectSend, type AppOn } from '../../helpers/resident-api.ts'
import { eachStoreConnections } from '../../helpers/stores.ts'
import { harness, onEachStore } from './harness.ts'

const store = onEachStore(t)
const hourMs = 3_600_000

store.test('limits: defaults, set by a manager (audited), each refusal with its reason, nothing stored', async t => {
  const h = await harness(t)
  const send = injectSend(h.app)
  const north = (await aGate(h.db, h.siteId)).device
  const east = (await aGate(h.db, h.siteId)).device
  const foreign = (await aGate(h.db, h.otherSiteId)).device
  const { household } = await aHouseholdWithCard(h.db, h.siteId)
  const r = await aResident(send, h.counter.token, household.id)
  const limitsUrl = `/sites/${h.siteId}/resident-pass-limits`

  t.match(await send('GET', limitsUrl, { token: h.counter.token }), { status: 200, json: { ...defaultPassLimits, siteId: h.siteId, updatedBy: null } }, 'the defaults')
  t.match(await send('GET', '/resident/me', { token: r.token }), { json: { passLimits: defaultPassLimits } }, 'the phone shows the limits')
  const limits = { maxActivePasses: 2, maxWindowMs: 4 * hourMs, maxUses: 3, gates: [north.id] }
  t.equal((await send('PUT', limitsUrl, { token: h.counter.token, body: limits })).status, 403, 'counter staff may not set them')
  t.equal((await send('PUT', limitsUrl, { token: h.otherManager.token, body: limits })).status, 403, 'nor another site\'s manager')
  t.match(await send('PUT', limitsUrl, { token: h.manager.token, body: { ...limits, gates: [foreign.id] } }), { status: 400, json: { error: { code: 'VALIDATION_FAILED' } } }, 'a gate of another site')
  t.match(await send('PUT', limitsUrl, { token: h.manager.token, body: { ...limits, maxUses: 0 } }), { status: 400 }, 'no use')
  t.equal(await h.db.selectFrom('resident_pass_limits').select('site_id').executeTakeFirst(), undefined, 'refused limits are not stored')
  t.match(await send('PUT', limitsUrl, { token: h.manager.token, body: limits }), { status: 200, json: { ...limits, updatedBy: h.manager.id } })
  t.equal((await h.db.selectFrom('audit_log').select('id').where('route', '=', '/api/sites/:siteId/resident-pass-limits').where('status_code', '=', 200).execute()).length, 1, 'audited')

  const now = Date.now()
  const issue = (body: Record<string, unknown>, token = r.token) => send('POST', '/resident/visitor-passes', { token, body: { gates: [north.id], validFromMs: now, validUntilMs: now + hourMs, maxUses: 1, ...body } })
  const stored = async () => (await h.db.selectFrom('visitor_passes').select('id').execute()).length
  for (const [body, reason] of [
    [{ gates: [east.id] }, 'GATE_NOT_ALLOWED'],
    [{ gates: [foreign.id] }, 'GATE_NOT_ALLOWED'],
    [{ validUntilMs: now + 4 * hourMs + 1 }, 'WINDOW_TOO_LONG'],
    [{ maxUses: 4 }, 'TOO_MANY_USES']
  ] as const) {
    t.match(await issue(body), { status: 409, json: { error: { code: 'PASS_LIMIT_EXCEEDED', details: { reason } } } }, reason)
  }
  t.match(await issue({ validUntilMs: now - 1000, validFromMs: now - 5000 }), { status: 400, json: { error: { code: 'VALIDATION_FAILED' } } }, 'the gate domain\'s own checks still apply')
  t.equal(await stored(), 0, 'refused passes are not stored')

  const first = await issue({ visitor: 'Courier', maxUses: 3, validUntilMs: now + 4 * hourMs })
  t.match(first, { status: 201, json: { pass: { siteId: h.siteId, gates: [north.id], maxUses: 3, visitor: 'Courier', issuedBy: r.id }, qr: /^VP1\./ } }, 'at the limits is allowed')
  const spouse = await aResident(send, h.counter.token, household.id)
  t.equal((await issue({}, spouse.token)).status, 201, 'another resident of the household')
  t.match(await issue({}), { status: 409, json: { error: { details: { reason: 'TOO_MANY_ACTIVE' } } } }, 'the household holds two: no third')
  t.equal(await stored(), 2)

  // the household's passes: listed and revoked by any of its residents, not by another household's
  const listed = await send('GET', '/resident/visitor-passes', { token: spouse.token })
  t.equal(listed.json.passes.length, 2, 'a resident sees the household\'s passes')
  const neighbour = await aResident(send, h.counter.token, (await aHouseholdWithCard(h.db, h.siteId)).household.id)
  t.same((await send('GET', '/resident/visitor-passes', { token: neighbour.token })).json.passes, [], 'another household sees none of them')
  const passId = first.json.pass.id as string
  t.match(await send('POST', `/resident/visitor-passes/${passId}/revoke`, { token: neighbour.token }), { status: 404 }, 'another household cannot revoke it')
  t.match(await send('POST', `/resident/visitor-passes/${passId}/revoke`, { token: spouse.token }), { status: 200, json: { id: passId, revokedAtMs: Number } })
  t.equal((await issue({})).status, 201, 'a revoked pass frees its place')
  t.equal((await send('GET', '/resident/visitor-passes?all=true', { token: r.token })).json.passes.length, 3)
  t.match(await send('GET', `/visitor-passes/${passId}`, { token: h.counter.token }), { status: 200, json: { revokedAtMs: Number } }, 'staff see residents\' passes like their own')

  // an exhausted pass no longer counts
  await h.db.updateTable('visitor_passes').set(eb => ({ uses: eb.ref('max_uses') })).execute()
  t.equal((await issue({})).status, 201, 'used-up passes free their place')

  // a household that is no longer active issues nothing
  await h.db.updateTable('households').set({ status: 'inactive' }).where('id', '=', household.id).execute()
  const before = await stored()
  t.match(await issue({}), { status: 409, json: { error: { code: 'HOUSEHOLD_INACTIVE' } } })
  t.equal(await stored(), before, 'nothing stored')
})

await eachStoreConnections(t, 'two overlapping requests of one household at its limit: exactly one pass', 2, async (t, stores) => {
  const [{ h: a, send: viaA }, { send: viaB }] = await appsOnConnections(t, stores) as [AppOn, AppOn]
  const gate = (await aGate(a.db, a.siteId)).device
  await viaA('PUT', `/sites/${a.siteId}/resident-pass-limits`, { token: a.manager.token, body: { ...defaultPassLimits, maxActivePasses: 2 } })
  for (let round = 1; round <= 3; round++) {
    const { household } = await aHouseholdWithCard(a.db, a.siteId)
    const [one, two] = [await aResident(viaA, a.counter.token, household.id), await aResident(viaA, a.counter.token, household.id)]
    const body = { gates: [gate.id], validFromMs: Date.now(), validUntilMs: Date.now() + hourMs, maxUses: 1 }
    t.equal((await viaA('POST', '/resident/visitor-passes', { token: one.token, body })).status, 201, 'one below the limit')
    const answers = await Promise.all([viaA('POST', '/resident/visitor-passes', { token: one.token, body }), viaB('POST', '/resident/visitor-passes', { token: two.token, body })])
    t.same(answers.map(x => x.status).sort(), [201, 409], `round ${round}: one issued, one refused`)
    t.match(answers.find(x => x.status === 409)?.json, { error: { code: 'PASS_LIMIT_EXCEEDED', details: { reason: 'TOO_MANY_ACTIVE' } } })
    const held = await a.db.selectFrom('resident_passes').select('pass_id').where('household_id', '=', household.id).execute()
    t.equal(held.length, 2, `round ${round}: the household holds exactly its limit`)
  }
})
