// Residents' accounts over HTTP on both stores: the counter's invitation and
// its one-time code, activation (wrong, expired, reused, void codes change
// nothing), sign-in and the per-phone lockout, token expiry and sign-out,
// deactivation, and the wall between resident and staff credentials.
import { createHook } from 'node:async_hooks'
import t from 'tap'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { aPhone, aResident, injectSend, PASSWORD } from '../../helpers/resident-api.ts'
import { openSqliteTestStore } from '../../helpers/stores.ts'
import { harness, onEachStore } from './harness.ts'

const store = onEachStore(t)

store.test('invitation and activation: the code works once, within its time, for its phone', async t => {
  const h = await harness(t)
  const send = injectSend(h.app)
  const { household } = await aHouseholdWithCard(h.db, h.siteId)
  const phone = aPhone()
  const invite = (body: unknown, token = h.counter.token, id = household.id) => send('POST', `/households/${id}/resident-invitations`, { token, body })
  const residents = async () => (await h.db.selectFrom('residents').select('id').execute()).length

  t.match(await invite({ phone: 'call me' }), { status: 400, json: { error: { code: 'VALIDATION_FAILED' } } }, 'not a phone number')
  t.match(await invite({ phone }, h.otherManager.token), { status: 403 }, 'staff of another site cannot invite here')
  t.match(await invite({ phone }, h.counter.token, 'hh_none'), { status: 404, json: { error: { code: 'HOUSEHOLD_UNKNOWN' } } })
  t.equal((await h.db.selectFrom('resident_invitations').select('id').execute()).length, 0, 'refused invitations are not stored')

  const invitation = await invite({ phone, name: 'Li Wei' })
  t.match(invitation, { status: 201, json: { householdId: household.id, phone, name: 'Li Wei', code: /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/ } })
  const code = invitation.json.code as string
  const stored = await h.db.selectFrom('resident_invitations').selectAll().executeTakeFirstOrThrow()
  t.notOk(stored.code_hash.includes(code.replace('-', '')), 'the code is stored hashed')
  t.match(stored.code_hash, /^scrypt\$/)
  const audit = await h.db.selectFrom('audit_log').selectAll().where('route', '=', '/api/households/:id/resident-invitations').execute()
  t.ok(audit.some(a => a.staff_id === h.counter.id && a.status_code === 201), 'the invitation is in the audit log')

  const activate = (body: Record<string, unknown>) => send('POST', '/resident/activation', { body: { phone, code, password: PASSWORD, ...body } })
  const wrong = code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`
  t.match(await activate({ code: wrong }), { status: 401, json: { error: { code: 'ACTIVATION_FAILED' } } }, 'a wrong code')
  t.match(await activate({ phone: aPhone() }), { status: 401, json: { error: { code: 'ACTIVATION_FAILED' } } }, 'the right code for another phone')
  t.match(await activate({ password: 'short' }), { status: 400, json: { error: { code: 'VALIDATION_FAILED' } } }, 'a password under 10 characters')
  t.equal(await residents(), 0, 'refused activations create nothing')

  const done = await activate({ code: ` ${code.toLowerCase().replace('-', ' ')} ` })
  t.match(done, { status: 201, json: { token: /^rst_/, resident: { householdId: household.id, siteId: h.siteId, phone, name: 'Li Wei', active: true, invitedBy: h.counter.id } } }, 'case and spaces do not matter')
  t.match(await activate({}), { status: 401, json: { error: { code: 'ACTIVATION_FAILED' } } }, 'a used code')
  t.equal(await residents(), 1)
  t.match(await invite({ phone }), { status: 409, json: { error: { code: 'CONFLICT' } } }, 'one active account per phone')

  // expired: a new invitation whose time has passed
  const late = aPhone()
  const lateCode = (await invite({ phone: late })).json.code as string
  await h.db.updateTable('resident_invitations').set({ expires_at_ms: Date.now() - 1 }).where('phone', '=', late).execute()
  t.match(await send('POST', '/resident/activation', { body: { phone: late, code: lateCode, password: PASSWORD } }), { status: 401, json: { error: { code: 'ACTIVATION_FAILED' } } }, 'an expired code')

  // a new invitation replaces the phone's earlier one (a lost slip, a second visit)
  const twice = aPhone()
  const firstCode = (await invite({ phone: twice })).json.code as string
  const secondCode = (await invite({ phone: twice })).json.code as string
  t.match(await send('POST', '/resident/activation', { body: { phone: twice, code: firstCode, password: PASSWORD } }), { status: 401, json: { error: { code: 'ACTIVATION_FAILED' } } }, 'the replaced code')
  t.equal((await send('POST', '/resident/activation', { body: { phone: twice, code: secondCode, password: PASSWORD } })).status, 201, 'the newest code')

  // void after five wrong codes, even for the right one
  const guessed = aPhone()
  const guessedCode = (await invite({ phone: guessed })).json.code as string
  for (let i = 0; i < 5; i++) await send('POST', '/resident/activation', { body: { phone: guessed, code: `ZZZZ-ZZZ${i}`, password: PASSWORD } })
  t.match(await send('POST', '/resident/activation', { body: { phone: guessed, code: guessedCode, password: PASSWORD } }), { status: 401, json: { error: { code: 'ACTIVATION_FAILED' } } }, 'void after five wrong codes')
  t.equal(await residents(), 2, 'the guessed-at invitation activated nothing')

  // several residents per household, listed for the counter
  await aResident(send, h.counter.token, household.id)
  const listed = await send('GET', `/households/${household.id}/residents`, { token: h.counter.token })
  t.equal(listed.json.residents.length, 3, 'several residents per household')
  t.notOk(JSON.stringify(listed.json).includes('scrypt'), 'never a password hash')
  t.equal((await send('GET', `/households/${household.id}/residents`, { token: h.otherManager.token })).status, 403)
})

store.test('sign-in, lockout per phone, token expiry, sign-out, deactivation', async t => {
  const h = await harness(t, { config: { RESIDENT_SIGN_IN_MAX_FAILURES: 3, RESIDENT_SIGN_IN_LOCKOUT_MS: 600_000 } })
  const send = injectSend(h.app)
  const { household } = await aHouseholdWithCard(h.db, h.siteId)
  const r = await aResident(send, h.counter.token, household.id)
  const other = await aResident(send, h.counter.token, household.id)
  const signIn = (phone: string, password: string) => send('POST', '/resident/session', { body: { phone, password } })

  const first = await signIn(r.phone, PASSWORD)
  t.match(first, { status: 200, json: { token: /^rst_/, resident: { id: r.id } } })
  t.ok(first.json.expiresAtMs > Date.now() + 29 * 86_400_000, 'a token lasts RESIDENT_TOKEN_TTL_MS (30 days by default)')
  const tokenHashes = (await h.db.selectFrom('resident_tokens').select('id_hash').execute()).map(x => x.id_hash)
  t.notOk(tokenHashes.includes(first.json.token as string), 'tokens are stored hashed')
  t.match(await send('GET', '/resident/me', { token: first.json.token }), { status: 200, json: { resident: { id: r.id }, household: { id: household.id, balancePoints: 0, heldPoints: 0, availablePoints: 0 }, site: { id: h.siteId } } })

  for (let i = 0; i < 3; i++) t.match(await signIn(r.phone, 'wrong password!'), { status: 401, json: { error: { code: 'SIGN_IN_FAILED' } } }, `wrong password ${i + 1}`)
  const locked = await signIn(r.phone, PASSWORD)
  t.match(locked, { status: 429, json: { error: { code: 'SIGN_IN_LOCKED' } } }, 'locked: even the right password is refused')
  t.ok(Number(locked.headers['retry-after']) > 590, 'Retry-After: until the lockout ends')
  t.equal((await signIn(other.phone, PASSWORD)).status, 200, 'another phone is not locked')
  t.match(await signIn(aPhone(), PASSWORD), { status: 401, json: { error: { code: 'SIGN_IN_FAILED' } } }, 'an unknown phone: the same answer as a wrong password')
  // the lockout window passes
  await h.db.updateTable('resident_sign_in_failures').set({ window_started_at_ms: Date.now() - 600_001 }).where('phone', '=', r.phone).execute()
  t.equal((await signIn(r.phone, PASSWORD)).status, 200, 'after the lockout the right password works')
  t.equal((await h.db.selectFrom('resident_sign_in_failures').select('phone').where('phone', '=', r.phone).execute()).length, 0, 'and the count is cleared')

  // token expiry and sign-out
  const session = (await signIn(r.phone, PASSWORD)).json.token as string
  t.equal((await send('GET', '/resident/me', { token: session })).status, 200)
  await h.db.updateTable('resident_tokens').set({ expires_at_ms: Date.now() - 1 }).where('resident_id', '=', r.id).execute()
  t.match(await send('GET', '/resident/me', { token: session }), { status: 401, json: { error: { code: 'UNAUTHENTICATED' } } }, 'an expired token')
  const again = (await signIn(r.phone, PASSWORD)).json.token as string
  t.equal((await send('DELETE', '/resident/session', { token: again })).status, 204)
  t.equal((await send('GET', '/resident/me', { token: again })).status, 401, 'signed out: the token is revoked')

  // deactivation by the counter ends every token; audited; the phone may be invited again
  const live = (await signIn(other.phone, PASSWORD)).json.token as string
  t.equal((await send('POST', `/residents/${other.id}/deactivate`, { token: h.otherManager.token })).status, 403, 'staff of another site cannot')
  t.equal((await send('GET', '/resident/me', { token: live })).status, 200, 'a refused deactivation changes nothing')
  t.match(await send('POST', `/residents/${other.id}/deactivate`, { token: h.counter.token }), { status: 200, json: { active: false, deactivatedBy: h.counter.id } })
  t.equal((await send('GET', '/resident/me', { token: live })).status, 401, 'its tokens end at once')
  t.match(await signIn(other.phone, PASSWORD), { status: 401, json: { error: { code: 'SIGN_IN_FAILED' } } }, 'and it cannot sign in')
  t.ok((await h.db.selectFrom('audit_log').select('id').where('route', '=', '/api/residents/:residentId/deactivate').where('status_code', '=', 200).execute()).length === 1, 'deactivation is audited')
  t.equal((await send('POST', `/households/${household.id}/resident-invitations`, { token: h.counter.token, body: { phone: other.phone } })).status, 201, 'the phone may be invited again')
  t.match(await send('POST', '/residents/res_none/deactivate', { token: h.counter.token }), { status: 404, json: { error: { code: 'RESIDENT_UNKNOWN' } } })
})

store.test('a resident token opens only resident routes; staff credentials are no resident session', async t => {
  const h = await harness(t)
  const send = injectSend(h.app)
  const { household } = await aHouseholdWithCard(h.db, h.siteId)
  const r = await aResident(send, h.counter.token, household.id)

  t.match(await send('GET', '/resident/me', { token: h.admin.token }), { status: 401, json: { error: { code: 'UNAUTHENTICATED' } } }, 'a staff token on a resident route')
  t.equal((await send('GET', '/resident/me')).status, 401, 'no token')
  t.equal((await send('GET', `/households/${household.id}`, { token: r.token })).status, 401, 'a resident token on a staff route')
  t.equal((await send('GET', '/me', { token: r.token })).status, 401)
  t.equal((await send('POST', `/households/${household.id}/resident-invitations`, { token: r.token, body: { phone: aPhone() } })).status, 401, 'a resident cannot invite')

  // the staff web app's cookie session is no resident session either
  const password = 'staff password 1'
  t.equal((await h.admin.call('PUT', `/api/staff/${h.counter.id}/password`, { password })).statusCode, 204)
  const signIn = await h.app.inject({ method: 'POST', url: '/api/session', payload: { username: (await h.counter.call('GET', '/api/me')).json().username, password } })
  const cookie = signIn.cookies.find(c => c.name === 'kiosk_session')
  t.ok(cookie, 'staff signed in with a cookie')
  const withCookie = await h.app.inject({ method: 'GET', url: '/api/resident/me', cookies: { kiosk_session: cookie!.value } })
  t.equal(withCookie.statusCode, 401, 'a staff cookie on a resident route')
})

t.test('an invitation\'s code is hashed before its transaction: SQLite\'s write lock is free while scrypt runs [sqlite]', async t => {
  // The one writer's lock is a SharedArrayBuffer cell (services/store/sqlite-write-lock.ts) that
  // every write transaction holds from BEGIN IMMEDIATE to its end. Node creates an async resource
  // of type SCRYPTREQUEST when a scrypt job starts; the hook reads the lock cell at that moment,
  // synchronously, so what it sees is whether a transaction is open as the ~50 ms hash begins.
  // (PostgreSQL has no global write lock; the same code path held a pooled connection in a
  // transaction there.)
  const store = await openSqliteTestStore(t)
  const h = await harness(t, { store })
  const send = injectSend(h.app)
  const { household } = await aHouseholdWithCard(h.db, h.siteId)
  const lockHolder = new Int32Array(store.writeLock!.buffer)
  const heldAtHash: number[] = []
  const hook = createHook({ init: (_id, type) => { if (type === 'SCRYPTREQUEST') heldAtHash.push(Atomics.load(lockHolder, 0)) } })
  hook.enable()
  const invited = await send('POST', `/households/${household.id}/resident-invitations`, { token: h.counter.token, body: { phone: aPhone() } }).finally(() => hook.disable())
  t.equal(invited.status, 201)
  t.equal(heldAtHash.length, 1, 'one hash: the code\'s')
  t.same(heldAtHash, [0], 'no write transaction open while it is computed')
})
