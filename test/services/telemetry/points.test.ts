// Pure parts of telemetry: timestamps, line shapes, rendering, failure classes.
import t from 'tap'
import { chargingMeterPoints, depositPoints, gateAccessPoints, pointTime, statusPoints, swipePoints, MAX_CLOCK_AHEAD_MS } from '../../../services/telemetry/points.ts'
import { renderLine } from '../../../services/telemetry/outbox.ts'
import { classifyStatus, parseRetryAfter } from '../../../services/telemetry/influx-writer.ts'

const device = { id: 'kiosk-1', site_id: 'site a', kind: 'kiosk' as const }
const now = 1_700_000_000_000
const day = 86_400_000

t.test('device time when plausible, else receipt time', async t => {
  const cases: Array<[string, number | undefined, number]> = [
    ['no device time', undefined, now],
    ['device time a minute ago', now - 60_000, now - 60_000],
    ['slightly ahead', now + MAX_CLOCK_AHEAD_MS, now + MAX_CLOCK_AHEAD_MS],
    ['too far ahead', now + MAX_CLOCK_AHEAD_MS + 1, now],
    ['a replay within the deposit window', now - day + 1, now - day + 1],
    ['older than the deposit window', now - day - 1, now],
    ['clock never set (1970)', 5000, now]
  ]
  for (const [name, ts, expected] of cases) t.equal(pointTime(ts, now, day), expected, name)
})

t.test('deposit: one point per category line and one total; household only as a field', async t => {
  const points = depositPoints({
    device, event: { ts: now - 1000 }, outcome: 'credited', householdId: 'hh_1', receivedAtMs: now, maxAgeMs: day,
    lines: [{ category: 'paper', grams: 2500, points: 100 }, { category: 'hazardous', grams: 60, points: 100, count: 2 }],
    pointsComputed: 200, pointsCredited: 150
  })
  t.same(points.map(p => p.line), [
    'deposit,category=paper,device=kiosk-1,outcome=credited,site=site\\ a grams=2500i,points=100i',
    'deposit,category=hazardous,device=kiosk-1,outcome=credited,site=site\\ a count=2i,grams=60i,points=100i',
    'deposit_total,device=kiosk-1,outcome=credited,site=site\\ a grams=2560i,household="hh_1",lines=2i,points_computed=200i,points_credited=150i'
  ])
  t.ok(points.every(p => p.atMs === now - 1000))
})

t.test('swipe and status lines', async t => {
  t.same(swipePoints({ device, event: { ts: now, method: 'card' }, decision: 'deny', reason: 'CARD_LOST', receivedAtMs: now, maxAgeMs: day }).map(p => p.line),
    ['swipe,decision=deny,device=kiosk-1,method=card,reason=CARD_LOST,site=site\\ a count=1i'])
  t.same(statusPoints(device, { online: true, uptimeS: 60, rssiDbm: -70, temperatureC: 21.5, bins: [{ category: 'paper', fillPct: 80 }] }, now, day).map(p => p.line), [
    'device_status,device=kiosk-1,kind=kiosk,site=site\\ a online=T,rssi_dbm=-70i,temperature_c=21.5,uptime_s=60i',
    'bin_fill,category=paper,device=kiosk-1,site=site\\ a fill_pct=80'
  ])
})

t.test('charging meter and gate access lines', async t => {
  const pile = { id: 'pile-1', site_id: 'site a', kind: 'charger' as const }
  const meter = (extra: { temperatureC?: number, ts?: number } = {}) => chargingMeterPoints({ device: pile, event: { ts: now - 30_000, port: 2, energyWh: 1250, powerW: 480, voltageV: 48.5, ...extra }, receivedAtMs: now, maxAgeMs: day })
  const cases: Array<[string, ReturnType<typeof meter>, string, number]> = [
    ['a meter value with temperature', meter({ temperatureC: 36.5 }), 'charging_meter,device=pile-1,port=2,site=site\\ a energy_wh=1250i,power_w=480i,temperature_c=36.5,voltage_v=48.5', now - 30_000],
    ['without temperature', meter(), 'charging_meter,device=pile-1,port=2,site=site\\ a energy_wh=1250i,power_w=480i,voltage_v=48.5', now - 30_000],
    ['a pile clock far ahead: receipt time', meter({ ts: now + MAX_CLOCK_AHEAD_MS + 1 }), 'charging_meter,device=pile-1,port=2,site=site\\ a energy_wh=1250i,power_w=480i,voltage_v=48.5', now],
    ['an online deny', gateAccessPoints({ device: { id: 'gate-1', site_id: 's1', kind: 'gate' }, decision: 'deny', mode: 'online', direction: 'in', atMs: now }), 'gate_access,decision=deny,device=gate-1,direction=in,mode=online,site=s1 count=1i', now],
    ['an offline allow', gateAccessPoints({ device: { id: 'gate-1', site_id: 's1', kind: 'gate' }, decision: 'allow', mode: 'offline', direction: 'out', atMs: now - 1000 }), 'gate_access,decision=allow,device=gate-1,direction=out,mode=offline,site=s1 count=1i', now - 1000]
  ]
  for (const [name, points, line, atMs] of cases) t.same(points, [{ line, atMs }], name)
})

t.test('rendered timestamp: ns from atMs plus the row id below the millisecond', async t => {
  t.equal(renderLine({ id: 42, line: 'm f=1i', at_ms: now }), `m f=1i ${now}000042`)
  t.equal(renderLine({ id: 1_000_042, line: 'm f=1i', at_ms: now }), `m f=1i ${now}000042`, 'wraps every million rows')
  t.not(renderLine({ id: 7, line: 'm f=1i', at_ms: now }), renderLine({ id: 8, line: 'm f=1i', at_ms: now }), 'two points in one ms do not overwrite each other')
})

t.test('failure classes and Retry-After', async t => {
  const table: Array<[number, string]> = [[400, 'reject'], [413, 'reject'], [422, 'reject'], [401, 'hold'], [403, 'hold'], [404, 'hold'], [408, 'retry'], [429, 'retry'], [500, 'retry'], [503, 'retry']]
  for (const [status, kind] of table) t.equal(classifyStatus(status), kind, String(status))
  t.equal(parseRetryAfter('3'), 3000)
  t.equal(parseRetryAfter(new Date(now + 5000).toUTCString(), now), 5000)
  t.equal(parseRetryAfter(undefined), undefined)
  t.equal(parseRetryAfter('soon'), undefined)
})
