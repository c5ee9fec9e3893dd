// The pages' pure rules: yuan from integer points, a device's state and the
// devices grid's filter, role order, alarm rows (floods folded) and the critical cue, the access
// log's query (the table and the CSV link share it), live charging sessions,
// the meter curve's series and a tariff in words, the reports' query, kilograms
// and chart series.
import t from 'tap'
import { duration, yuan } from '../../web/src/format.ts'
import { categorySeries, kilograms, localDay, reportQuery } from '../../web/src/report-query.ts'
import { liveSessions, meterSeries, tariffWords } from '../../web/src/charging-rows.ts'
import { accessLogQuery, noFilter } from '../../web/src/access-log-query.ts'
import { FLOOD_TYPE, foldFloods, wantsCriticalCue } from '../../web/src/alarm-rows.ts'
import { deviceState, matches, type DeviceFilter } from '../../web/src/device-state.ts'
import { hasRole } from '../../web/src/roles.ts'
import type { Alarm, ChargingSession, Device, LiveAlarmEvent, MeterValue } from '../../web/src/api/types.ts'

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

const anAlarm = (over: Partial<Alarm>): Alarm => ({
  id: 'alm_1', siteId: 's', deviceId: 'kiosk-1', type: 'smoke', source: '', severity: 'critical', message: null, state: 'active-unacknowledged',
  active: true, acknowledged: false, acknowledgedBy: null, acknowledgedAtMs: null, clearedAtMs: null, shelf: null, outOfService: null,
  groupId: null, count: 1, firstAtMs: 0, lastAtMs: 0, durationMs: 0, ...over
})

t.test('foldFloods: a flood is one row with its grouped alarms under it; order kept', async t => {
  const flood = anAlarm({ id: 'flood', type: FLOOD_TYPE, deviceId: null, severity: 'major' })
  const cases: Array<{ name: string, alarms: Alarm[], rows: Array<[string, string[] | undefined]> }> = [
    { name: 'no flood', alarms: [anAlarm({ id: 'a' }), anAlarm({ id: 'b' })], rows: [['a', undefined], ['b', undefined]] },
    {
      name: 'grouped alarms folded',
      alarms: [anAlarm({ id: 'a', groupId: 'flood' }), flood, anAlarm({ id: 'b' }), anAlarm({ id: 'c', groupId: 'flood' })],
      rows: [['flood', ['a', 'c']], ['b', undefined]]
    },
    { name: 'flood closed: grouped alarm stays its own row', alarms: [anAlarm({ id: 'a', groupId: 'gone' })], rows: [['a', undefined]] }
  ]
  for (const c of cases) t.same(foldFloods(c.alarms).map(r => [r.id, r.children?.map(a => a.id)]), c.rows, c.name)
})

t.test('wantsCriticalCue: a critical raise, not one grouped in a flood', async t => {
  const event = (action: string, alarm: Partial<Alarm>): LiveAlarmEvent => ({ changeId: 1, action, atMs: 0, actor: { kind: 'device', id: 'k' }, toState: '', alarm: anAlarm(alarm) })
  const cases: Array<[string, LiveAlarmEvent, boolean]> = [
    ['critical raise', event('raise', {}), true],
    ['major raise', event('raise', { severity: 'major' }), false],
    ['critical acknowledged', event('acknowledge', {}), false],
    ['critical raise in a flood', event('raise', { groupId: 'flood' }), false]
  ]
  for (const [name, e, want] of cases) t.equal(wantsCriticalCue(e), want, name)
})

t.test('duration: h:mm:ss, hours past a day', async t => {
  const cases: Array<[number, string]> = [[0, '0:00:00'], [59_999, '0:00:59'], [3_600_000, '1:00:00'], [90_061_000, '25:01:01'], [-5, '0:00:00']]
  for (const [ms, text] of cases) t.equal(duration(ms), text, `${ms} ms`)
})

t.test('accessLogQuery: only the filters given, trimmed card, optional limit', async t => {
  const cases: Array<[string, Partial<typeof noFilter>, number | undefined, string]> = [
    ['nothing', {}, undefined, ''],
    ['limit only', {}, 200, 'limit=200'],
    ['every filter', { gateId: 'g1', card: ' CARD0001 ', decision: 'deny', mode: 'offline', fromMs: 10, untilMs: 20 }, 5, 'gateId=g1&card=CARD0001&decision=deny&mode=offline&from=10&until=20&limit=5'],
    ['blank card left out', { card: '   ' }, undefined, ''],
    ['zero is a bound', { fromMs: 0 }, undefined, 'from=0']
  ]
  for (const [name, filter, limit, query] of cases) t.equal(accessLogQuery({ ...noFilter, ...filter }, limit), query, name)
})

const aSession = (over: Partial<ChargingSession>): ChargingSession => ({
  id: 'chg_1', siteId: 's', deviceId: 'pile-a', port: 1, householdId: 'h', cardUid: null, startedBy: 'card', staffId: null, status: 'open',
  tariffId: 'tar', holdPoints: 500, costPoints: null, chargedPoints: null, endReason: null, createdAtMs: 0, endedAtMs: null, ...over
})

t.test('liveSessions: starting, open and silent hold a port; by pile then port', async t => {
  const sessions = [
    aSession({ id: 'b2', deviceId: 'pile-b', port: 2 }), aSession({ id: 'done', status: 'stopped' }), aSession({ id: 'a3', port: 3, status: 'silent' }),
    aSession({ id: 'a1', status: 'starting' }), aSession({ id: 'refused', status: 'refused' }), aSession({ id: 'late', status: 'start_timeout' }), aSession({ id: 'rec', status: 'reconciled' })
  ]
  t.same(liveSessions(sessions).map(s => s.id), ['a1', 'a3', 'b2'])
})

t.test('meterSeries: in the pile\'s order (seq), energy and power over device time', async t => {
  const m = (seq: number, deviceTs: number, energyWh: number, powerW: number): MeterValue => ({ seq, deviceTs, energyWh, powerW, voltageV: 54, temperatureC: null, receivedAtMs: 0 })
  t.same(meterSeries([m(2, 200, 20, 290), m(1, 100, 10, 300)]), { energyWh: [[100, 10], [200, 20]], powerW: [[100, 300], [200, 290]] }, 'a late meter value sorted in')
  t.same(meterSeries([]), { energyWh: [], powerW: [] })
})

t.test('tariffWords: one sentence per pricing kind', async t => {
  const base = { startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 }
  t.same(tariffWords({ ...base, pricing: { kind: 'per_hour', pointsPerHour: 120, billingUnit: 'minute' } }), { key: 'charging.tariffPerHour', values: { points: 120, unit: 'minute' } })
  t.same(tariffWords({ ...base, pricing: { kind: 'per_kwh', pointsPerKwh: 80 } }), { key: 'charging.tariffPerKwh', values: { points: 80 } })
  t.same(tariffWords({ ...base, pricing: { kind: 'power_tier', billingUnit: 'half_hour', tiers: [{ upToW: 300, pointsPerHour: 50 }, { upToW: 600, pointsPerHour: 90 }] } }), { key: 'charging.tariffPowerTier', values: { tiers: 2 } })
  t.same(tariffWords({ ...base, pricing: { kind: 'free' } }), { key: 'charging.tariffFree', values: {} })
})

t.test('reportQuery: a day or a month, one site or all, json or csv', async t => {
  t.equal(reportQuery({ period: 'day', value: '2026-11-27', siteId: 's1' }), 'siteId=s1&day=2026-11-27&format=json')
  t.equal(reportQuery({ period: 'month', value: '2026-11-27', siteId: null }, 'csv'), 'month=2026-11&format=csv', 'a day picked before switching to the month')
  t.equal(reportQuery({ period: 'month', value: '2026-11', siteId: 'a b' }), 'siteId=a+b&month=2026-11&format=json')
})

t.test('kilograms: exact decimals of integer grams', async t => {
  const cases: Array<[number, string]> = [[0, '0.000'], [5, '0.005'], [1000, '1.000'], [123456, '123.456']]
  for (const [grams, text] of cases) t.equal(kilograms(grams), text)
})

t.test('localDay: the day in the site\'s zone, not the browser\'s', async t => {
  const ms = Date.UTC(2026, 10, 26, 18, 30)
  t.equal(localDay(ms, 'Asia/Shanghai'), '2026-11-27')
  t.equal(localDay(ms, 'UTC'), '2026-11-26')
})

t.test('categorySeries: every category, one series per site, kilograms', async t => {
  const report = { siteName: 'Garden', gramsByCategory: { paper: 1500, metal: 250 } } as unknown as Parameters<typeof categorySeries>[0][number]
  const s = categorySeries([report])
  t.equal(s.categories[0], 'paper')
  t.equal(s.series.length, 1)
  t.equal(s.series[0]?.kg[s.categories.indexOf('paper')], 1.5)
  t.equal(s.series[0]?.kg[s.categories.indexOf('metal')], 0.25)
  t.equal(s.series[0]?.kg[s.categories.indexOf('glass')], 0, 'a category without deposits is 0')
})
