// The credential lifecycle against the real broker: disable closes the live
// connection at once and further connects get CONNACK 5; rotation closes it and
// only the new secret works; failures are recorded per device; an address with
// repeated failures gets only the cheap check (no scrypt) until it calms down.
import t from 'tap'
import { disableDevice, enableDevice, rotateDeviceSecret } from '../../services/devices/credentials.ts'
import { lastAuthFailures } from '../../services/devices/auth-failures.ts'
import { sweepCredentials } from '../../services/devices/credential-sweep.ts'
import { noDeviceSessions } from '../../services/devices/credentials.ts'
import { pino } from 'pino'
import { testPepper } from '../fixtures/builders.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { closesWithin, mqttConnect, startGuardedBroker, tryConnect } from './helpers/guarded-broker.ts'

const sessionsOf = (b: { broker: { disconnectDevice: (id: string) => boolean } }) => ({ disconnect: (id: string) => { b.broker.disconnectDevice(id) } })

t.test('disable closes the connection at once; reconnect gets CONNACK 5 until enabled', async t => {
  const b = await startGuardedBroker(t)
  const kiosk = await b.newKiosk()
  const opts = { clientId: kiosk.id, username: kiosk.id, password: kiosk.secret }
  const c = await mqttConnect(t, b.url, opts)
  const closed = new Promise<void>(resolve => c.once('close', () => resolve()))
  const device = await disableDevice(b.store.db, sessionsOf(b), kiosk.id)
  t.equal(device.status, 'disabled')
  // the broker closed it itself (a keep-alive timeout would take a minute; the deadline is only a safety net)
  t.ok(await closesWithin(closed, 10_000), 'the live connection is closed')
  t.equal(b.broker.guardCounters().devicesDisconnected, 1, 'by the backend, at the disable')
  t.match(await tryConnect(b.url, opts), /Not authorized/, 'reconnect refused (CONNACK 5)')
  await enableDevice(b.store.db, kiosk.id)
  t.equal(await tryConnect(b.url, opts), 'connected', 'enabled again: connects')
})

t.test('rotation: the live connection is closed, the old secret is refused, the new one works', async t => {
  const b = await startGuardedBroker(t)
  const kiosk = await b.newKiosk()
  const c = await mqttConnect(t, b.url, { clientId: kiosk.id, username: kiosk.id, password: kiosk.secret })
  const closed = new Promise<void>(resolve => c.once('close', () => resolve()))
  const { secret } = await rotateDeviceSecret(b.store.db, testPepper(), sessionsOf(b), kiosk.id)
  t.not(secret, kiosk.secret)
  t.ok(await closesWithin(closed, 10_000), 'the live connection is closed')
  t.equal(b.broker.guardCounters().devicesDisconnected, 1, 'by the backend, at the rotation')
  t.match(await tryConnect(b.url, { clientId: kiosk.id, username: kiosk.id, password: kiosk.secret }), /Bad username or password/, 'the old secret (remembered as verified before) no longer works')
  t.equal(await tryConnect(b.url, { clientId: kiosk.id, username: kiosk.id, password: secret }), 'connected', 'the new one does')
})

t.test('a change made elsewhere (the CLI, another node) is caught by the credential sweep', async t => {
  const b = await startGuardedBroker(t)
  const [one, two] = [await b.newKiosk(), await b.newKiosk()]
  const c1 = await mqttConnect(t, b.url, { clientId: one.id, username: one.id, password: one.secret })
  const c2 = await mqttConnect(t, b.url, { clientId: two.id, username: two.id, password: two.secret })
  // aedes marks a client connected just after writing CONNACK; the sweep looks only at connected ones
  await waitUntil(() => [one.id, two.id].every(id => b.broker.connectedDeviceIds().includes(id)), 'the broker counts both as connected')
  await disableDevice(b.store.db, noDeviceSessions, one.id)
  await rotateDeviceSecret(b.store.db, testPepper(), noDeviceSessions, two.id)
  t.ok(c1.connected && c2.connected, 'nobody told the broker yet')
  const closed = await sweepCredentials({ db: b.store.db, log: pino({ level: 'silent' }), connectedDeviceIds: b.broker.connectedDeviceIds, verifiedHashOf: b.verifier.verifiedHashOf, disconnect: id => { b.broker.disconnectDevice(id) } })
  t.same(closed.sort(), [one.id, two.id].sort(), 'both closed by the sweep')
})

t.test('auth failures are recorded per device with time, reason and address', async t => {
  const b = await startGuardedBroker(t)
  const kiosk = await b.newKiosk()
  await tryConnect(b.url, { clientId: kiosk.id, username: kiosk.id, password: 'stolen-or-stale' })
  await tryConnect(b.url, { clientId: kiosk.id, username: kiosk.id, password: 'again' })
  await tryConnect(b.url, { clientId: 'nobody', username: 'nobody', password: 'x' })
  // recorded in the background: a known device failing after 'nobody' is the marker. The
  // SQLite store runs statements in the order issued, so once the marker's row is there the
  // lookup for 'nobody' (issued before) has finished too.
  const marker = await b.newKiosk()
  await tryConnect(b.url, { clientId: marker.id, username: marker.id, password: 'wrong' })
  await waitUntil(async () => (await lastAuthFailures(b.store.db, [marker.id])).has(marker.id), 'the marker\'s failure is recorded')
  const failures = await lastAuthFailures(b.store.db, [kiosk.id, 'nobody'])
  t.match(failures.get(kiosk.id), { reason: 'bad-secret', remote_address: /127\.0\.0\.1/, failures: 2 })
  t.ok(failures.get(kiosk.id)!.failed_at_ms > Date.now() - 10_000)
  t.notOk(failures.has('nobody'), 'unknown ids are not stored (anyone can invent them)')
})

t.test('repeated failures from one address: further slow checks are refused with CONNACK 3', async t => {
  const b = await startGuardedBroker(t, { limitLoopback: true, authFailureBurstPerIp: 3, authFailuresPerMinutePerIp: 6 })
  const known = await b.newKiosk()
  const fresh = await b.newKiosk()
  t.equal(await tryConnect(b.url, { clientId: known.id, username: known.id, password: known.secret }), 'connected', 'a device verified before the attack')
  for (let i = 0; i < 3; i++) t.match(await tryConnect(b.url, { clientId: fresh.id, username: fresh.id, password: `guess${i}` }), /Bad username or password/)
  b.verifyCalls.length = 0
  t.match(await tryConnect(b.url, { clientId: fresh.id, username: fresh.id, password: 'guess4' }), /Server unavailable/, 'a fourth guess: refused without a secret check')
  t.match(await tryConnect(b.url, { clientId: fresh.id, username: fresh.id, password: fresh.secret }), /Server unavailable/, 'even the right secret, until the address calms down')
  t.ok(b.verifyCalls.every(c => c.options?.cachedOnly === true), 'only the cheap check was asked for (no scrypt)')
  t.equal(await tryConnect(b.url, { clientId: known.id, username: known.id, password: known.secret }), 'connected', 'a device whose secret was verified before still gets in')
  t.ok(b.broker.guardCounters().authThrottled >= 2)
  const unlimited = await startGuardedBroker(t, { authFailureBurstPerIp: 3 })
  const k = await unlimited.newKiosk()
  for (let i = 0; i < 5; i++) await tryConnect(unlimited.url, { clientId: k.id, username: k.id, password: 'nope' })
  t.equal(await tryConnect(unlimited.url, { clientId: k.id, username: k.id, password: k.secret }), 'connected', 'loopback is exempt unless limitLoopback')
})
