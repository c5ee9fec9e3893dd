// The tariff rules, table-driven: each tariff kind at its billing-unit
// boundaries, fees, free short sessions, min/max clamps, the power tier by
// session peak, idle fees, and bad usage refused.
import t, { type Test } from 'tap'
import type { Tariff } from '../../../schemas/charging.ts'
import { ceilMulDiv, chargingCost, costTowardsHold, type MeterReading, type SessionUsage } from '../../../services/charging/tariff.ts'
import { aTariff, minutes, readingsAt, t0 } from './charging-fixtures.ts'

const usage = (durationMs: number, energyWh = 0, readings: MeterReading[] = []): SessionUsage =>
  ({ startedAtMs: t0, endedAtMs: t0 + durationMs, energyWh, readings })

interface Case { name: string, tariff: Tariff, usage: SessionUsage, costPoints: number, adjustment?: string | null }

function runCases (t: Test, cases: Case[]) {
  for (const c of cases) {
    const cost = chargingCost(c.tariff, c.usage)
    t.equal(cost.costPoints, c.costPoints, c.name)
    if (c.adjustment !== undefined) t.equal(cost.adjustment, c.adjustment, `${c.name}: adjustment`)
  }
}

t.test('per hour, billed per started minute: ceil(billed minutes × pointsPerHour / 60)', async t => {
  const perMinute = aTariff({ pricing: { kind: 'per_hour', pointsPerHour: 100, billingUnit: 'minute' } })
  runCases(t, [
    { name: '0 ms costs nothing', tariff: perMinute, usage: usage(0), costPoints: 0 },
    { name: '1 ms is a started minute: ceil(100/60)', tariff: perMinute, usage: usage(1), costPoints: 2 },
    { name: 'exactly one minute', tariff: perMinute, usage: usage(minutes(1)), costPoints: 2 },
    { name: 'one minute and 1 ms is two minutes: ceil(200/60)', tariff: perMinute, usage: usage(minutes(1) + 1), costPoints: 4 },
    { name: 'three minutes: exactly 5 points', tariff: perMinute, usage: usage(minutes(3)), costPoints: 5 },
    { name: 'one hour', tariff: perMinute, usage: usage(minutes(60)), costPoints: 100 },
    { name: 'energy does not count', tariff: perMinute, usage: usage(minutes(60), 5_000), costPoints: 100 }
  ])
})

t.test('per hour, billed per started half hour', async t => {
  const perHalfHour = aTariff({ pricing: { kind: 'per_hour', pointsPerHour: 200, billingUnit: 'half_hour' } })
  runCases(t, [
    { name: '1 ms is a started half hour', tariff: perHalfHour, usage: usage(1), costPoints: 100 },
    { name: 'exactly one half hour', tariff: perHalfHour, usage: usage(minutes(30)), costPoints: 100 },
    { name: 'half an hour and 1 ms', tariff: perHalfHour, usage: usage(minutes(30) + 1), costPoints: 200 },
    { name: '4 h 10 min is 9 half hours', tariff: perHalfHour, usage: usage(minutes(250)), costPoints: 900 }
  ])
})

t.test('per kWh: ceil(Wh × pointsPerKwh / 1000)', async t => {
  const perKwh = aTariff({ pricing: { kind: 'per_kwh', pointsPerKwh: 150 } })
  runCases(t, [
    { name: '0 Wh', tariff: perKwh, usage: usage(minutes(10), 0), costPoints: 0 },
    { name: '1 Wh rounds up to 1 point', tariff: perKwh, usage: usage(minutes(10), 1), costPoints: 1 },
    { name: 'exactly 1 kWh', tariff: perKwh, usage: usage(minutes(120), 1000), costPoints: 150 },
    { name: '1001 Wh: ceil(150.15)', tariff: perKwh, usage: usage(minutes(120), 1001), costPoints: 151 },
    { name: 'duration does not count', tariff: perKwh, usage: usage(minutes(600), 1000), costPoints: 150 }
  ])
})

t.test('power tier by session peak power, for the whole session', async t => {
  const tiered = aTariff({
    pricing: {
      kind: 'power_tier',
      billingUnit: 'half_hour',
      tiers: [{ upToW: 200, pointsPerHour: 50 }, { upToW: 400, pointsPerHour: 80 }, { upToW: 600, pointsPerHour: 120 }]
    }
  })
  const twoHours = (points: Array<[number, number]>) => usage(minutes(120), 0, readingsAt(points))
  const cases: Array<[string, Array<[number, number]>, tier: number, cost: number]> = [
    ['peak exactly at the first bound', [[1, 200], [60, 150]], 0, 100],
    ['1 W above the first bound', [[1, 201], [60, 150]], 1, 160],
    ['tier changes mid-session: 150 W, then 450 W, then tapering to 80 W pays the 450 W tier', [[1, 150], [30, 450], [90, 80]], 2, 240],
    ['a peak above the last tier pays the last tier', [[1, 650]], 2, 240],
    ['no readings: peak 0 pays the first tier', [], 0, 100]
  ]
  for (const [name, points, tier, costPoints] of cases) {
    const cost = chargingCost(tiered, twoHours(points))
    t.same([cost.tier, cost.costPoints], [tier, costPoints], name)
  }
})

t.test('free tariff costs nothing however long and however much', async t => {
  const free = aTariff({ pricing: { kind: 'free' } })
  const cost = chargingCost(free, usage(minutes(600), 3_000, readingsAt([[1, 500]])))
  t.same([cost.costPoints, cost.timePoints, cost.energyPoints, cost.startFeePoints], [0, 0, 0, 0])
})

t.test('start fee, free short sessions, min and max cost', async t => {
  const pricing = { kind: 'per_hour', pointsPerHour: 100, billingUnit: 'minute' } as const
  const withFee = aTariff({ pricing, startFeePoints: 50 })
  const shortFree = aTariff({ pricing, startFeePoints: 50, minCostPoints: 80, freeSessionSeconds: 60 })
  const withMin = aTariff({ pricing: { kind: 'per_kwh', pointsPerKwh: 100 }, minCostPoints: 30 })
  const withMax = aTariff({ pricing, maxCostPoints: 500 })
  runCases(t, [
    { name: 'start fee added: 1 h + 50', tariff: withFee, usage: usage(minutes(60)), costPoints: 150, adjustment: null },
    { name: 'a minute or less is free, fee and minimum too', tariff: shortFree, usage: usage(minutes(1)), costPoints: 0, adjustment: 'free_short_session' },
    { name: 'a minute and 1 ms is not free: 4 + 50, raised to the minimum 80', tariff: shortFree, usage: usage(minutes(1) + 1), costPoints: 80, adjustment: 'min_cost' },
    { name: 'minimum cost applies to a tiny session', tariff: withMin, usage: usage(minutes(5), 10), costPoints: 30, adjustment: 'min_cost' },
    { name: 'above the minimum it does not apply', tariff: withMin, usage: usage(minutes(60), 400), costPoints: 40, adjustment: null },
    { name: 'max cost clamps a 10 h session', tariff: withMax, usage: usage(minutes(600)), costPoints: 500, adjustment: 'max_cost' },
    { name: 'exactly at the max is not clamped', tariff: withMax, usage: usage(minutes(300)), costPoints: 500, adjustment: null }
  ])
})

t.test('the hold is used by the cost without the minimum, which the hold covers from the start', async t => {
  const pricing = { kind: 'per_hour', pointsPerHour: 100, billingUnit: 'minute' } as const
  const withMin = aTariff({ pricing, startFeePoints: 5, minCostPoints: 50 })
  t.equal(costTowardsHold(withMin, usage(minutes(1))), 7, 'below the minimum: 2 + the start fee 5, not 50')
  t.equal(costTowardsHold(withMin, usage(minutes(30))), 55, 'above it: the cost')
  const withMax = aTariff({ pricing, maxCostPoints: 500 })
  t.equal(costTowardsHold(withMax, usage(minutes(600))), 500, 'the cap applies')
  const shortFree = aTariff({ pricing, minCostPoints: 80, freeSessionSeconds: 60 })
  t.equal(costTowardsHold(shortFree, usage(minutes(1))), 0, 'a short free session uses nothing')
})

t.test('idle fee: the trailing time below belowW, after its grace, per started minute', async t => {
  const idle = aTariff({ pricing: { kind: 'per_kwh', pointsPerKwh: 100 }, idleFee: { pointsPerHour: 60, belowW: 10, graceMinutes: 10 } })
  // 300 W for an hour, then 5 W from minute 70 on: idle 30 min, 20 billed → 20 points
  const charged = readingsAt([[30, 300], [60, 300], [70, 5], [90, 5]])
  const cost = chargingCost(idle, { startedAtMs: t0, endedAtMs: t0 + minutes(100), energyWh: 300, readings: charged })
  t.same([cost.idleMs, cost.idleFeePoints, cost.energyPoints, cost.costPoints], [minutes(30), 20, 30, 50])

  const recovered = readingsAt([[30, 300], [70, 5], [80, 200], [90, 200]])
  t.equal(chargingCost(idle, { startedAtMs: t0, endedAtMs: t0 + minutes(100), energyWh: 300, readings: recovered }).idleFeePoints, 0, 'power came back: not idle')

  const withinGrace = readingsAt([[30, 300], [95, 5]])
  t.equal(chargingCost(idle, { startedAtMs: t0, endedAtMs: t0 + minutes(100), energyWh: 300, readings: withinGrace }).idleFeePoints, 0, 'idle 5 min, within the 10 min grace')
})

t.test('device time only, bounded', async t => {
  const perMinute = aTariff({ pricing: { kind: 'per_hour', pointsPerHour: 60, billingUnit: 'minute' } })
  const backwards = chargingCost(perMinute, { startedAtMs: t0, endedAtMs: t0 - minutes(5), energyWh: 0, readings: [] })
  t.same([backwards.durationMs, backwards.costPoints], [0, 0], 'a pile clock that ran backwards bills no time')
  const month = chargingCost(perMinute, usage(minutes(60 * 24 * 30)))
  t.same([month.billedMs, month.costPoints], [minutes(60 * 24 * 7), 60 * 24 * 7], 'billed time is capped at 7 days')
})

t.test('bad usage is refused with a clear error', async t => {
  const perKwh = aTariff({ pricing: { kind: 'per_kwh', pointsPerKwh: 100 } })
  const bad: Array<[string, SessionUsage]> = [
    ['fractional energy', usage(minutes(1), 1.5)],
    ['negative energy', usage(minutes(1), -1)],
    ['energy above the contract bound', usage(minutes(1), 1_000_001)],
    ['NaN time', { startedAtMs: Number.NaN, endedAtMs: t0, energyWh: 0, readings: [] }],
    ['negative power in a reading', usage(minutes(1), 1, [{ seq: 1, atMs: t0, energyWh: 1, powerW: -5 }])]
  ]
  for (const [name, u] of bad) t.throws(() => chargingCost(perKwh, u), RangeError, name)
})

t.test('ceilMulDiv is exact where floating point is not', async t => {
  // (2^40 + 1) × (2^20 + 1) = 2^60 + 2^40 + 2^20 + 1: a float product drops the final 1,
  // and with it the fraction that ceil must round up
  const [a, b, d] = [2 ** 40 + 1, 2 ** 20 + 1, 2 ** 20]
  t.equal(Math.ceil(a * b / d), 2 ** 40 + 2 ** 20 + 1, 'floating point misses the fraction')
  t.equal(ceilMulDiv(a, b, d), 2 ** 40 + 2 ** 20 + 2)
  t.equal(ceilMulDiv(604_800_000, 100_000, 3_600_000), 16_800_000)
  t.equal(ceilMulDiv(604_800_001, 100_000, 3_600_000), 16_800_001)
})
