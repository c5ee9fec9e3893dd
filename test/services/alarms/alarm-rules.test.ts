// Backend alarm rules, table-driven: which conditions raise, which clear, and
// that a condition already active is not raised again.
import t from 'tap'
import { alarmTypes, binFullRule, deniedSwipesRule, noDepositsRule, offlineRule, outboxNearFullRule, type RuleDecision } from '../../../services/alarms/alarm-rules.ts'
import type { AlarmKey } from '../../../services/alarms/alarm.ts'
import { minutes, T0 } from './alarm-builders.ts'

const now = T0 + minutes(600)
const day = minutes(24 * 60)
/** `raise k1/paper (minor)` or `clear k1/`: the subject of each decision, in order. */
const summary = (decisions: RuleDecision[]) => decisions.map(d =>
  `${d.action} ${d.key.deviceId ?? d.key.siteId ?? '-'}/${d.key.source}` + (d.action === 'raise' ? ` (${d.severity})` : ''))
const key = (type: string, deviceId: string | null, source = '', siteId: string | null = 's1'): AlarmKey => ({ siteId, deviceId, type, source })

t.test('offline longer than N minutes', async t => {
  const config = { offlineAfterMs: minutes(10) }
  const off = key(alarmTypes.offline, 'k1')
  const cases: Array<[string, { online: boolean, lastSeenAtMs: number | null, disabled?: boolean }, AlarmKey[], string[]]> = [
    ['offline exactly N minutes raises', { online: false, lastSeenAtMs: now - minutes(10) }, [], ['raise k1/ (major)']],
    ['offline a minute less does not', { online: false, lastSeenAtMs: now - minutes(9) }, [], []],
    ['already active: not raised again', { online: false, lastSeenAtMs: now - minutes(60) }, [off], []],
    ['back online clears', { online: true, lastSeenAtMs: now }, [off], ['clear k1/']],
    ['online and no alarm: nothing', { online: true, lastSeenAtMs: now - minutes(60) }, [], []],
    ['never seen: not installed yet', { online: false, lastSeenAtMs: null }, [], []],
    ['offline again within N minutes keeps the alarm', { online: false, lastSeenAtMs: now - minutes(1) }, [off], []],
    ['alarms of other types are not touched', { online: true, lastSeenAtMs: now }, [key(alarmTypes.binFull, 'k1', 'paper')], []],
    ['disabled while offline clears: out of use, its silence is expected', { online: false, lastSeenAtMs: now - minutes(60), disabled: true }, [off], ['clear k1/']],
    ['disabled and offline: never raised', { online: false, lastSeenAtMs: now - minutes(60), disabled: true }, [], []]
  ]
  for (const [name, device, active, expected] of cases) {
    t.same(summary(offlineRule({ devices: [{ id: 'k1', siteId: 's1', ...device }], active }, config, now)), expected, name)
  }
  const [decision] = offlineRule({ devices: [{ id: 'k1', siteId: 's1', online: false, lastSeenAtMs: now - minutes(12) }], active: [] }, config, now)
  t.same(decision, { action: 'raise', key: off, severity: 'major', message: 'offline for 12 min' }, 'the decision in full')
  t.same(offlineRule({ devices: [], active: [off] }, config, now), [], 'a device missing from the input keeps its alarm (nothing known)')
})

t.test('bin fill at or above the threshold, cleared below the lower mark', async t => {
  const config = { fullPct: 90, clearBelowPct: 80 }
  const paper = key(alarmTypes.binFull, 'k1', 'paper')
  const cases: Array<[string, Array<{ category: string, fillPct: number }> | null, AlarmKey[], string[]]> = [
    ['at the threshold raises', [{ category: 'paper', fillPct: 90 }], [], ['raise k1/paper (minor)']],
    ['just below does not', [{ category: 'paper', fillPct: 89.9 }], [], []],
    ['each full bin is its own alarm', [{ category: 'paper', fillPct: 95 }, { category: 'metal', fillPct: 100 }, { category: 'glass', fillPct: 10 }], [], ['raise k1/paper (minor)', 'raise k1/metal (minor)']],
    ['already active: not raised again', [{ category: 'paper', fillPct: 99 }], [paper], []],
    ['between the marks keeps the alarm', [{ category: 'paper', fillPct: 85 }], [paper], []],
    ['at the lower mark keeps it', [{ category: 'paper', fillPct: 80 }], [paper], []],
    ['below the lower mark clears (emptied)', [{ category: 'paper', fillPct: 3 }], [paper], ['clear k1/paper']],
    ['a bin the status does not mention keeps its alarm', [{ category: 'metal', fillPct: 3 }], [paper], []],
    ['no status yet: nothing', null, [paper], []]
  ]
  for (const [name, bins, active, expected] of cases) {
    t.same(summary(binFullRule({ devices: [{ id: 'k1', siteId: 's1', bins }], active }, config, now)), expected, name)
  }
  t.match(binFullRule({ devices: [{ id: 'k1', siteId: 's1', bins: [{ category: 'paper', fillPct: 93 }] }], active: [] }, config, now), [{ message: 'paper bin 93 % full' }])
})

t.test('no deposits for a day at a normally busy kiosk', async t => {
  const config = { quietMs: day, busyAveragePerDay: 20, minHistoryDays: 7 }
  const quiet = key(alarmTypes.noDeposits, 'k1')
  const busyWeek = [30, 25, 20, 18, 22, 27, 19] // average 23
  const cases: Array<[string, number | null, number[], AlarmKey[], string[]]> = [
    ['busy kiosk quiet for a day raises', now - day, busyWeek, [], ['raise k1/ (warning)']],
    ['quiet a minute less than a day does not', now - day + minutes(1), busyWeek, [], []],
    ['average just at the mark is busy', now - 2 * day, [20, 20, 20, 20, 20, 20, 20], [], ['raise k1/ (warning)']],
    ['a slow kiosk (average 19.9) is not busy', now - 2 * day, [20, 20, 20, 20, 20, 20, 19.3], [], []],
    ['too little history to judge', now - 2 * day, [50, 50, 50, 50, 50, 50], [], []],
    ['never a deposit but a busy history (data moved): raises', null, busyWeek, [], ['raise k1/ (warning)']],
    ['already active: not raised again', now - 3 * day, busyWeek, [quiet], []],
    ['the next deposit clears', now - minutes(1), busyWeek, [quiet], ['clear k1/']],
    ['the average sinking while quiet does not clear', now - 5 * day, [0, 0, 0, 0, 0, 30, 30], [quiet], []]
  ]
  for (const [name, lastDepositAtMs, dailyDeposits, active, expected] of cases) {
    t.same(summary(noDepositsRule({ kiosks: [{ id: 'k1', siteId: 's1', lastDepositAtMs, dailyDeposits }], active }, config, now)), expected, name)
  }
})

t.test('no deposits at a disabled kiosk is expected: not raised, and an open one clears', async t => {
  const config = { quietMs: day, busyAveragePerDay: 20, minHistoryDays: 7 }
  const kiosk = { id: 'k1', siteId: 's1', lastDepositAtMs: now - 2 * day, dailyDeposits: [30, 25, 20, 18, 22, 27, 19], disabled: true }
  t.same(summary(noDepositsRule({ kiosks: [kiosk], active: [] }, config, now)), [], 'not raised')
  t.same(summary(noDepositsRule({ kiosks: [kiosk], active: [key(alarmTypes.noDeposits, 'k1')] }, config, now)), ['clear k1/'], 'cleared')
})

t.test('repeated denied swipes for one card or at one gate', async t => {
  const config = { windowMs: minutes(10), perCard: 3, perGate: 5 }
  const deny = (gateId: string, cardUid: string | null, agoMin: number) => ({ gateId, siteId: 's1', cardUid, atMs: now - minutes(agoMin) })
  const cardAlarm = key(alarmTypes.deniedCard, null, 'C9')
  const gateAlarm = key(alarmTypes.deniedGate, 'g1')
  const cases: Array<[string, ReturnType<typeof deny>[], AlarmKey[], string[]]> = [
    ['three denies of one card at two gates raise the card alarm', [deny('g1', 'C9', 1), deny('g2', 'C9', 2), deny('g1', 'C9', 9)], [], ['raise s1/C9 (warning)']],
    ['two denies do not', [deny('g1', 'C9', 1), deny('g1', 'C9', 2)], [], []],
    ['a deny exactly M minutes ago is outside the window', [deny('g1', 'C9', 1), deny('g1', 'C9', 2), deny('g1', 'C9', 10)], [], []],
    ['five different cards at one gate raise the gate alarm', ['A', 'B', 'C', 'D', 'E'].map((c, i) => deny('g1', c, i)), [], ['raise g1/ (minor)']],
    ['five of one card raise both', [1, 2, 3, 4, 5].map(i => deny('g1', 'C9', i)), [], ['raise s1/C9 (warning)', 'raise g1/ (minor)']],
    ['already active: not raised again', [1, 2, 3].map(i => deny('g1', 'C9', i)), [cardAlarm], []],
    ['the window passing clears both', [deny('g1', 'C9', 11)], [cardAlarm, gateAlarm], ['clear s1/C9', 'clear g1/']],
    ['a card still denied keeps its alarm while the gate clears', [1, 2, 3].map(i => deny('g1', 'C9', i)), [cardAlarm, gateAlarm], ['clear g1/']],
    ['visitor codes (no card) count for the gate only', [1, 2, 3, 4, 5].map(i => deny('g1', null, i)), [], ['raise g1/ (minor)']],
    ['a deny dated ahead of now does not count', [deny('g1', 'C9', 1), deny('g1', 'C9', 2), deny('g1', 'C9', -1)], [], []]
  ]
  for (const [name, denies, active, expected] of cases) {
    t.same(summary(deniedSwipesRule({ denies, active }, config, now)), expected, name)
  }
  t.match(deniedSwipesRule({ denies: [1, 2, 3].map(i => deny('g1', 'C9', i)), active: [] }, config, now), [{ message: '3 denied swipes in 10 min' }])
})

t.test('telemetry outbox near full', async t => {
  const config = { raisePct: 80, clearBelowPct: 70 }
  const outbox = key(alarmTypes.outboxNearFull, null, '', null)
  const cases: Array<[string, number, AlarmKey[], string[]]> = [
    ['80 % raises', 800, [], ['raise -/ (major)']],
    ['79.9 % does not', 799, [], []],
    ['already active: not raised again', 950, [outbox], []],
    ['between the marks keeps it', 700, [outbox], []],
    ['below 70 % clears', 699, [outbox], ['clear -/']]
  ]
  for (const [name, depth, active, expected] of cases) {
    t.same(summary(outboxNearFullRule({ depth, maxRows: 1000, active }, config, now)), expected, name)
  }
})
