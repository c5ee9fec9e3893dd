// Alarm settings: the defaults the design note names, and a clear error for each bad setting.
import t from 'tap'
import { parseAlarmConfig } from '../../../services/alarms/alarm-config.ts'
import { defaultFloodConfig } from '../../../services/alarms/flood.ts'

t.test('defaults', async t => {
  const config = parseAlarmConfig()
  t.same(config.flood, defaultFloodConfig, 'the flood marks of ISA-18.2')
  t.same(config.outboxNearFull, { raisePct: 80, clearBelowPct: 70 }, 'as docs/telemetry.md')
  t.same(config.binFull, { fullPct: 90, clearBelowPct: 80 })
  t.equal(config.offline.offlineAfterMs, 600_000)
  t.same(parseAlarmConfig({ binFull: { fullPct: 95 } }).binFull, { fullPct: 95, clearBelowPct: 80 }, 'one setting changed, the rest default')
})

t.test('bad settings are refused with the path and the reason', async t => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['a clear mark above the raise mark', { binFull: { fullPct: 70 } }, /must not be above fullPct\s+→ at binFull\.clearBelowPct/],
    ['a percentage above 100', { outboxNearFull: { raisePct: 120 } }, /outboxNearFull\.raisePct/],
    ['an outbox clear mark above its raise mark', { outboxNearFull: { raisePct: 60 } }, /outboxNearFull\.clearBelowPct/],
    ['a reminder period of 0', { escalation: { reminderEveryMs: 0 } }, /escalation\.reminderEveryMs/],
    ['escalation levels out of order', { escalation: { levels: [{ afterMs: 60_000, notify: 'b' }, { afterMs: 60_000, notify: 'c' }] } }, /later one after another/],
    ['a flood that clears above where it raises', { flood: { raiseAbove: 5, clearAtOrBelow: 5 } }, /flood\.clearAtOrBelow/],
    ['a fractional count', { deniedSwipes: { perCard: 2.5 } }, /deniedSwipes\.perCard/],
    ['a string for a number', { offline: { offlineAfterMs: '600000' } }, /offline\.offlineAfterMs/]
  ]
  for (const [name, input, message] of cases) t.throws(() => parseAlarmConfig(input), { message }, name)
})
