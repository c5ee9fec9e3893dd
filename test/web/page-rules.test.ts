// The pages' pure rules: yuan from integer points, a device's state and the
// devices grid's filter, role order.
import t from 'tap'
import { yuan } from '../../web/src/format.ts'
import { deviceState, matches, type DeviceFilter } from '../../web/src/device-state.ts'
import { hasRole } from '../../web/src/roles.ts'
import type { Device } from '../../web/src/api/types.ts'

t.test('yuan: integer points, 100 points = 1 yuan, no floating point', async t => {
  const cases: Array<[number, string]> = [[0, '¥0.00'], [5, '¥0.05'], [100, '¥1.00'], [1005, '¥10.05'], [-250, '-¥2.50'], [123456789, '¥1234567.89']]
  for (const [points, text] of cases) t.equal(yuan(points), text, `${points} points`)
})

const aDevice = (over: Partial<Device>): Device => ({
  id: 'kiosk-1', siteId: 's', kind: 'kiosk', name: 'East kiosk', status: 'active', online: true, lastSeenAtMs: null,
  lastStatus: null, createdAtMs: 0, lastAuthFailure: null, ...over
})
const all: DeviceFilter = { kind: 'all', state: 'all', authFailure: false, text: '' }

t.test('deviceState: disabled wins over presence', async t => {
  t.equal(deviceState(aDevice({ online: true })), 'online')
  t.equal(deviceState(aDevice({ online: false })), 'offline')
  t.equal(deviceState(aDevice({ online: true, status: 'disabled' })), 'disabled')
})

t.test('matches: every filter narrows, text on id or name', async t => {
  const failure = { atMs: 1, reason: 'bad-secret', remoteAddress: null, failures: 3 }
  const cases: Array<{ name: string, device: Partial<Device>, filter: Partial<DeviceFilter>, match: boolean }> = [
    { name: 'no filter', device: {}, filter: {}, match: true },
    { name: 'kind matches', device: { kind: 'gate' }, filter: { kind: 'gate' }, match: true },
    { name: 'kind differs', device: { kind: 'kiosk' }, filter: { kind: 'gate' }, match: false },
    { name: 'offline wanted, online', device: { online: true }, filter: { state: 'offline' }, match: false },
    { name: 'disabled wanted', device: { status: 'disabled' }, filter: { state: 'disabled' }, match: true },
    { name: 'failed logins wanted, none', device: {}, filter: { authFailure: true }, match: false },
    { name: 'failed logins wanted, has one', device: { lastAuthFailure: failure }, filter: { authFailure: true }, match: true },
    { name: 'text in the name, any case', device: {}, filter: { text: 'EAST' }, match: true },
    { name: 'text in the id', device: {}, filter: { text: 'sk-1' }, match: true },
    { name: 'text nowhere', device: {}, filter: { text: 'west' }, match: false }
  ]
  for (const c of cases) t.equal(matches(aDevice(c.device), { ...all, ...c.filter }), c.match, c.name)
})

t.test('hasRole: counter < manager < admin', async t => {
  t.ok(hasRole('admin', 'manager'))
  t.ok(hasRole('manager', 'manager'))
  t.notOk(hasRole('counter', 'manager'))
  t.notOk(hasRole('manager', 'admin'))
})
