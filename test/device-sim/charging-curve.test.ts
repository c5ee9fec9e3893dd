// The simulator's CC/CV curve: constant power until the CV point, then an
// exponential taper to the cutoff; a default bike charges in 2–8 hours.
import t from 'tap'
import { advance, defaultBattery, initialCurve, pointOf, socOf } from '../../device-sim/charging-curve.ts'

const minute = 60_000

function chargeToFull (battery = defaultBattery) {
  let state = initialCurve()
  const powers: number[] = []
  while (!state.full && state.elapsedMs < 24 * 60 * minute) {
    state = advance(battery, state, 5 * minute)
    powers.push(pointOf(battery, state).powerW)
  }
  return { state, powers }
}

t.test('a default e-bike charges in 2–8 h, CC then CV, and stops below the cutoff', async t => {
  const { state, powers } = chargeToFull()
  const hours = state.elapsedMs / (60 * minute)
  t.ok(hours >= 2 && hours <= 8, `charged in ${hours.toFixed(2)} h`)
  t.ok(state.full)
  t.ok(socOf(defaultBattery, state) > 0.97, 'nearly full')
  t.equal(powers[0], 180, 'constant power first')
  const cvStart = powers.findIndex(p => p < 180)
  t.ok(cvStart > 0, 'then the taper')
  t.ok(powers.slice(cvStart).every((p, i, a) => i === 0 || p <= (a[i - 1] ?? Infinity)), 'the taper never rises')
  t.equal(powers.at(-1), 0, 'full: nothing drawn')
})

const cases: Array<[string, Partial<typeof defaultBattery>, [number, number]]> = [
  ['nearly empty big pack', { capacityWh: 1440, startSoc: 0.05 }, [5, 10]],
  ['half full', { startSoc: 0.5 }, [3, 5]],
  ['already in CV', { startSoc: 0.85 }, [2, 3.5]],
  ['fast charger: shorter CC, longer taper to the same cutoff', { ccPowerW: 400 }, [4, 6]]
]
for (const [name, params, [minH, maxH]] of cases) {
  t.test(name, async t => {
    const { state } = chargeToFull({ ...defaultBattery, ...params })
    const hours = state.elapsedMs / (60 * minute)
    t.ok(hours >= minH && hours <= maxH, `${hours.toFixed(2)} h within ${minH}–${maxH} h`)
  })
}

t.test('advance is pure and splits steps exactly', async t => {
  const start = initialCurve()
  const once = advance(defaultBattery, start, 30 * minute)
  const twice = advance(defaultBattery, advance(defaultBattery, start, 15 * minute), 15 * minute)
  t.same(start, initialCurve(), 'the input state is not changed')
  t.equal(once.energyWh, twice.energyWh)
  t.equal(once.energyWh, 90, '30 minutes at 180 W = 90 Wh')
})
