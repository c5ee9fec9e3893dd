// Residents' accounts under overlapping requests, on both stores, each pair
// sent at once through two app instances on two database connections: one
// activation code activates one account, and wrong passwords tried at once
// each count toward the phone's lockout.
import t from 'tap'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { aPhone, appsOnConnections, PASSWORD, type AppOn } from '../../helpers/resident-api.ts'
import { eachStoreConnections } from '../../helpers/stores.ts'

await eachStoreConnections(t, 'one code, two activations at once: one account', 2, async (t, stores) => {
  const [{ h, send: viaA }, { send: viaB }] = await appsOnConnections(t, stores) as [AppOn, AppOn]
  for (let round = 1; round <= 3; round++) {
    const { household } = await aHouseholdWithCard(h.db, h.siteId)
    const phone = aPhone()
    const code = (await viaA('POST', `/households/${household.id}/resident-invitations`, { token: h.counter.token, body: { phone } })).json.code as string
    const body = { phone, code, password: PASSWORD }
    const answers = await Promise.all([viaA('POST', '/resident/activation', { body }), viaB('POST', '/resident/activation', { body })])
    t.same(answers.map(a => a.status).sort(), [201, 401], `round ${round}: one activation, one ACTIVATION_FAILED`)
    t.equal((await h.db.selectFrom('residents').select('id').where('phone', '=', phone).execute()).length, 1, `round ${round}: one account`)
  }
})

await eachStoreConnections(t, 'wrong passwords at once each count toward the lockout', 2, async (t, stores) => {
  // a limit the six tries stay under, so that none is refused by the lock however they interleave
  const [{ h, send: viaA }, { send: viaB }] = await appsOnConnections(t, stores, { RESIDENT_SIGN_IN_MAX_FAILURES: 8 }) as [AppOn, AppOn]
  const phone = aPhone()
  const wrong = { body: { phone, password: 'not the password' } }
  const answers = await Promise.all([1, 2, 3].flatMap(() => [viaA('POST', '/resident/session', wrong), viaB('POST', '/resident/session', wrong)]))
  t.same(answers.map(a => a.status), [401, 401, 401, 401, 401, 401], 'six wrong tries')
  const row = await h.db.selectFrom('resident_sign_in_failures').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow()
  t.equal(row.failures, 6, 'every one counted')
  t.same([(await viaA('POST', '/resident/session', wrong)).status, (await viaB('POST', '/resident/session', wrong)).status], [401, 401], 'the seventh and eighth')
  t.match(await viaA('POST', '/resident/session', wrong), { status: 429, json: { error: { code: 'SIGN_IN_LOCKED' } } }, 'locked after eight')
})
