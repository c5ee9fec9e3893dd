// Residents' accounts under overlapping requests, on both stores, each pair
// sent at once through two app instances on two database connections: one
// activation code activates one account, and wrong passwords tried at once
// each count toward the phone's lockout. And a burst of 30 sign-ins through one
// app (on PostgreSQL, its pool of 10 connections): no more are checked than
// the lockout allows.
import t from 'tap'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { aPhone, aResident, appsOnConnections, injectSend, PASSWORD, type AppOn } from '../../helpers/resident-api.ts'
import { harness } from './harness.ts'
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

await eachStoreConnections(t, 'a burst of sign-ins at once: only the first maxFailures are checked, the right password last among them is refused', 1, async (t, [store]) => {
  // The per-address limit is off, so only the phone's lockout answers. The 30 requests start in
  // this order and overlap (each password check is ~50 ms of scrypt on the thread pool); each is
  // counted in the order the store takes it. Which five are checked is up to the store, but the
  // last is never among them: SQLite runs statements in the order they are issued, and
  // PostgreSQL's pool (10 connections) hands connections out first come, first served, so the
  // last request's count waits for 20 earlier ones. Before, every one read the count before any
  // was recorded: 29 × 401 and the right password 200.
  const h = await harness(t, { store, config: { HTTP_AUTH_FAILURES_PER_MIN: 0, RESIDENT_SIGN_IN_MAX_FAILURES: 5 } })
  const send = injectSend(h.app)
  const { household } = await aHouseholdWithCard(h.db, h.siteId)
  const { phone } = await aResident(send, h.counter.token, household.id)
  const passwords = [...Array.from({ length: 29 }, (_, i) => `wrong password ${i}`), PASSWORD]
  const answers = await Promise.all(passwords.map(password => send('POST', '/resident/session', { body: { phone, password } })))
  const statuses = answers.map(a => a.status)
  t.equal(statuses.filter(s => s === 401).length, 5, 'five wrong passwords checked: 401')
  t.equal(statuses.filter(s => s === 429).length, 25, 'the other 25 refused unchecked: 429')
  t.match(answers[29], { status: 429, json: { error: { code: 'SIGN_IN_LOCKED' } } }, 'the right password, beyond the limit, is refused')
  t.ok(Number(answers[29]?.headers['retry-after']) > 0, 'with Retry-After')
  t.equal((await h.db.selectFrom('resident_tokens').select('id_hash').execute()).length, 1, 'no token issued but the activation\'s')
  t.match(await send('POST', '/resident/session', { body: { phone, password: PASSWORD } }), { status: 429 }, 'still locked')
})

await eachStoreConnections(t, 'one right sign-in within the limit works and clears the count', 1, async (t, [store]) => {
  const h = await harness(t, { store, config: { HTTP_AUTH_FAILURES_PER_MIN: 0, RESIDENT_SIGN_IN_MAX_FAILURES: 5 } })
  const send = injectSend(h.app)
  const { household } = await aHouseholdWithCard(h.db, h.siteId)
  const { phone } = await aResident(send, h.counter.token, household.id)
  const signIn = (password: string) => send('POST', '/resident/session', { body: { phone, password } })
  const count = async () => (await h.db.selectFrom('resident_sign_in_failures').select('failures').where('phone', '=', phone).executeTakeFirst())?.failures
  t.equal((await signIn(PASSWORD)).status, 200, 'a single right sign-in')
  t.equal(await count(), undefined, 'leaves no count')
  for (let i = 0; i < 4; i++) t.equal((await signIn('wrong password!')).status, 401)
  t.equal(await count(), 4)
  t.equal((await signIn(PASSWORD)).status, 200, 'the right password after four wrong ones')
  t.equal(await count(), undefined, 'clears the count')
  for (let i = 0; i < 5; i++) t.equal((await signIn('wrong password!')).status, 401, `wrong ${i + 1} of 5, counted from zero again`)
  t.match(await signIn(PASSWORD), { status: 429, json: { error: { code: 'SIGN_IN_LOCKED' } } }, 'the sixth is refused')
  t.equal(await count(), 6, 'attempts while locked stop counting at the limit + 1')
  t.match(await signIn(PASSWORD), { status: 429 })
  t.equal(await count(), 6)
})

await eachStoreConnections(t, 'a burst of activation tries at once: only the first five codes are checked, the right one last is refused', 1, async (t, [store]) => {
  // As with sign-ins: each try is counted in the order the store takes it, the last one after
  // the others. Before, every try read the invitation's count before any was recorded, so a
  // burst checked as many codes as it sent: 29 wrong and the right one last made an account.
  const h = await harness(t, { store, config: { HTTP_AUTH_FAILURES_PER_MIN: 0 } })
  const send = injectSend(h.app)
  const { household } = await aHouseholdWithCard(h.db, h.siteId)
  const phone = aPhone()
  const code = (await send('POST', `/households/${household.id}/resident-invitations`, { token: h.counter.token, body: { phone } })).json.code as string
  const wrongCodes = Array.from({ length: 29 }, (_, i) => `ZZZZ-${String(i).padStart(4, '0')}`).filter(c => c !== code)
  const answers = await Promise.all([...wrongCodes, code].map(c => send('POST', '/resident/activation', { body: { phone, code: c, password: PASSWORD } })))
  t.same([...new Set(answers.map(a => a.status))], [401], 'every try ACTIVATION_FAILED, the right code too')
  t.same(await h.db.selectFrom('residents').select('id').where('phone', '=', phone).execute(), [], 'no account')
  const invitation = await h.db.selectFrom('resident_invitations').select(['failed_attempts', 'used_at_ms']).where('phone', '=', phone).executeTakeFirstOrThrow()
  t.same(invitation, { failed_attempts: 5, used_at_ms: null }, 'five tries counted, then the invitation is void')
  t.match(await send('POST', '/resident/activation', { body: { phone, code, password: PASSWORD } }), { status: 401 }, 'void for the right code from then on')
})

await eachStoreConnections(t, 'the right code after four wrong ones activates', 1, async (t, [store]) => {
  const h = await harness(t, { store, config: { HTTP_AUTH_FAILURES_PER_MIN: 0 } })
  const send = injectSend(h.app)
  const { household } = await aHouseholdWithCard(h.db, h.siteId)
  const phone = aPhone()
  const code = (await send('POST', `/households/${household.id}/resident-invitations`, { token: h.counter.token, body: { phone } })).json.code as string
  for (let i = 0; i < 4; i++) t.equal((await send('POST', '/resident/activation', { body: { phone, code: `ZZZZ-000${i}`, password: PASSWORD } })).status, 401, `wrong ${i + 1}`)
  t.equal((await send('POST', '/resident/activation', { body: { phone, code, password: PASSWORD } })).status, 201, 'the fifth try, right, activates')
  t.match(await h.db.selectFrom('resident_invitations').select(['failed_attempts']).where('phone', '=', phone).executeTakeFirstOrThrow(), { failed_attempts: 4 }, 'the right code is not counted as wrong')
})
