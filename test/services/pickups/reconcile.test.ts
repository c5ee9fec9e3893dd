// The pure reconciliation of a pickup: deposited weight of one bin from deposit
// lines, and the difference to the collected weight.
import t from 'tap'
import { depositedInto, reconcile } from '../../../services/pickups/reconcile.ts'

t.test('deposited into one bin', async t => {
  const cases: Array<[string, Array<Array<{ category: string, grams: number }>>, number]> = [
    ['no deposits', [], 0],
    ['only this category counts', [[{ category: 'paper', grams: 1200 }, { category: 'metal', grams: 300 }], [{ category: 'paper', grams: 800 }]], 2000],
    ['a negative weight (faulty scale) puts nothing in the bin', [[{ category: 'paper', grams: -500 }], [{ category: 'paper', grams: 700 }]], 700],
    ['another bin only', [[{ category: 'glass', grams: 900 }]], 0]
  ]
  for (const [name, deposits, expected] of cases) t.equal(depositedInto('paper', deposits), expected, name)
})

t.test('collected against deposited', async t => {
  const cases: Array<[string, number, number, { differenceGrams: number, differencePct: number | null }]> = [
    ['exact', 10_000, 10_000, { differenceGrams: 0, differencePct: 0 }],
    ['the bin held less than was credited', 8_000, 10_000, { differenceGrams: -2_000, differencePct: -20 }],
    ['more (a scale reading low)', 10_500, 10_000, { differenceGrams: 500, differencePct: 5 }],
    ['one decimal', 10_001, 3_000, { differenceGrams: 7_001, differencePct: 233.4 }],
    ['nothing deposited: no percentage', 400, 0, { differenceGrams: 400, differencePct: null }]
  ]
  for (const [name, collected, deposited, expected] of cases) t.same(reconcile(collected, deposited), { collectedGrams: collected, depositedGrams: deposited, ...expected }, name)
})
