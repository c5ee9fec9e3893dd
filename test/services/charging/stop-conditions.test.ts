// When the backend stops a port, table-driven: each condition at its
// boundary, the safety-first order, and the pile total (last in, first out).
import t from 'tap'
import { chargingLimitsSchema } from '../../../schemas/charging.ts'
import { pileOverPowerStops, stopConditionFor, type StopCheck } from '../../../services/charging/stop-conditions.ts'
import { minutes, readingsAt, t0 } from './charging-fixtures.ts'

const limits = chargingLimitsSchema.parse({ maxDurationMinutes: 240 })
const check = (points: Array<[number, number]>, more: Partial<StopCheck> = {}): StopCheck =>
  ({ readings: readingsAt(points), temperatureC: 35, startedAtMs: t0, costSoFarPoints: 10, holdPoints: 500, costCapPoints: null, limits, ...more })

t.test('each condition at its boundary', async t => {
  const cases: Array<[string, StopCheck, string | null, boolean?]> = [
    ['no readings yet', check([]), null],
    ['charging normally', check([[1, 400], [2, 380]]), null],
    ['port power exactly at the limit', check([[1, 600]]), null],
    ['1 W over the port limit', check([[1, 601]]), 'OVER_POWER', true],
    ['temperature exactly at the limit', check([[1, 400]], { temperatureC: 70 }), null],
    ['over temperature', check([[1, 400]], { temperatureC: 70.5 }), 'OVER_TEMPERATURE', true],
    ['both: temperature first', check([[1, 700]], { temperatureC: 90 }), 'OVER_TEMPERATURE', true],
    ['cost 1 below the hold', check([[1, 400]], { costSoFarPoints: 499 }), null],
    ['cost reaches the hold', check([[1, 400]], { costSoFarPoints: 500 }), 'HOLD_EXHAUSTED', false],
    ['cost reaches the hold, the cap within it', check([[1, 400]], { costSoFarPoints: 500, costCapPoints: 500 }), null],
    ['cost reaches the hold, the cap 1 above it', check([[1, 400]], { costSoFarPoints: 500, costCapPoints: 501 }), 'HOLD_EXHAUSTED', false],
    ['over-power before hold exhausted', check([[1, 900]], { costSoFarPoints: 500 }), 'OVER_POWER', true],
    ['1 min short of the time limit', check([[239, 400]]), null],
    ['time limit reached', check([[240, 400]]), 'TIME_LIMIT', false],
    ['low power for 9 minutes', check([[100, 400], [101, 20], [110, 20]]), null],
    ['low power for 10 minutes: full', check([[100, 400], [101, 20], [111, 20]]), 'FULL', false],
    ['low power interrupted: the run restarts', check([[100, 20], [105, 400], [106, 20], [115, 20]]), null],
    ['power exactly at the full threshold is not low', check([[100, 30], [120, 30]]), null]
  ]
  for (const [name, c, reason, alarm] of cases) {
    const decision = stopConditionFor(c)
    t.same(decision, reason == null ? null : { reason, alarm }, name)
  }
})

t.test('pile total over power: the most recently started sessions stop first', async t => {
  const ports = [
    { sessionId: 'a', powerW: 2500, startedAtMs: t0 },
    { sessionId: 'b', powerW: 2500, startedAtMs: t0 + minutes(5) },
    { sessionId: 'c', powerW: 1500, startedAtMs: t0 + minutes(10) }
  ]
  const cases: Array<[string, typeof ports, number, string[]]> = [
    ['within the limit', ports, 7000, []],
    ['exactly at the limit', ports, 6500, []],
    ['500 W over: the last one in stops', ports, 6000, ['c']],
    ['2,000 W over: the two last stop', ports, 4500, ['c', 'b']],
    ['input order does not matter', [...ports].reverse(), 6000, ['c']],
    ['same start: the larger session id stops first', [{ sessionId: 'x', powerW: 400, startedAtMs: t0 }, { sessionId: 'y', powerW: 400, startedAtMs: t0 }], 500, ['y']],
    ['no sessions', [], 6000, []]
  ]
  for (const [name, loads, maxW, stops] of cases) t.same(pileOverPowerStops(loads, maxW), stops, name)
})
