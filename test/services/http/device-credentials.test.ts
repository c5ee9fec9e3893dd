// Device credentials over HTTP: disable / enable / rotate-secret are admin
// routes scoped to the admin's site, tell the broker to close the connection,
// and the device list shows each device's last authentication failure.
import tap from 'tap'
import { recordAuthFailure } from '../../../services/devices/auth-failures.ts'
import { checkDeviceSecret } from '../../../services/devices/secrets.ts'
import { aKiosk, testPepper } from '../../fixtures/builders.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)

t.test('disable, enable and rotate-secret', async t => {
  const disconnected: string[] = []
  const h = await harness(t, { deviceSessions: { disconnect: id => { disconnected.push(id) } } })
  const { device, secret } = await aKiosk(h.db, h.siteId)
  const url = (action: string) => `/api/devices/${device.id}/${action}`

  for (const caller of [h.counter, h.manager]) t.equal(errorCode(await caller.call('POST', url('disable'))), 'FORBIDDEN', 'admin only')
  const other = await h.staff('admin', h.otherSiteId)
  t.equal(errorCode(await other.call('POST', url('disable'))), 'FORBIDDEN', 'an admin of another site may not')
  t.equal(errorCode(await h.admin.call('POST', '/api/devices/no-such-device/disable')), 'DEVICE_UNKNOWN')
  t.same(disconnected, [], 'refused calls close nothing')

  const disabled = await h.siteAdmin.call('POST', url('disable'))
  t.equal(disabled.statusCode, 200)
  t.match(disabled.json(), { id: device.id, status: 'disabled', lastAuthFailure: null })
  t.same(disconnected, [device.id], 'the broker is told to close the connection')

  t.match((await h.siteAdmin.call('POST', url('enable'))).json(), { id: device.id, status: 'active' })

  const rotated = await h.admin.call('POST', url('rotate-secret'))
  t.equal(rotated.statusCode, 200)
  const body = rotated.json() as { device: { id: string }, secret: string }
  t.equal(body.device.id, device.id)
  t.not(body.secret, secret, 'a new secret, shown once')
  const row = await h.db.selectFrom('devices').select('secret_hash').where('id', '=', device.id).executeTakeFirstOrThrow()
  t.match(row.secret_hash, new RegExp(`^hmac-sha256\\$${testPepper().id}\\$[\\w-]{43}$`), 'stored as HMAC with the pepper, not scrypt')
  t.equal(await checkDeviceSecret(testPepper(), body.secret, row.secret_hash), 'match', 'the new secret is the stored one')
  t.equal(await checkDeviceSecret(testPepper(), secret, row.secret_hash), 'mismatch', 'the old one no longer matches')
  t.same(disconnected, [device.id, device.id])
  t.notMatch(JSON.stringify(body), /secret_hash|scrypt\$|hmac-sha256\$/, 'no hash in the response')
})

t.test('the device list includes the last authentication failure', async t => {
  const h = await harness(t)
  const { device } = await aKiosk(h.db, h.siteId)
  const { device: clean } = await aKiosk(h.db, h.siteId)
  await recordAuthFailure(h.db, { clientId: device.id, username: device.id, reason: 'bad-secret', remoteAddress: '203.0.113.7' }, 1_700_000_000_000)
  await recordAuthFailure(h.db, { clientId: device.id, username: device.id, reason: 'throttled', remoteAddress: '203.0.113.7' }, 1_700_000_001_000)
  const res = await h.counter.call('GET', `/api/sites/${h.siteId}/devices`)
  t.equal(res.statusCode, 200)
  const devices = (res.json() as { devices: Array<{ id: string, lastAuthFailure: unknown }> }).devices
  t.same(devices.find(d => d.id === device.id)?.lastAuthFailure, { atMs: 1_700_000_001_000, reason: 'throttled', remoteAddress: '203.0.113.7', failures: 2 })
  t.equal(devices.find(d => d.id === clean.id)?.lastAuthFailure, null)
})
