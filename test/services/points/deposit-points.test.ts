import t from 'tap'
import { applyDailyCap, assessDeposit, linePoints } from '../../../services/points/deposit-points.ts'
import { defaultRateTable, type RateTable } from '../../../schemas/rate-table.ts'
import type { DepositLine } from '../../../schemas/device-events.ts'

const rates: RateTable = {
  rates: {
    paper: { mode: 'per_kg', pointsPerKg: 40 },
    plastic: { mode: 'per_kg', pointsPerKg: 60 },
    hazardous: { mode: 'per_item', pointsPerItem: 50 },
    other: { mode: 'none' }
  },
  dailyCapPoints: 500,
  maxGramsPerLine: 50_000,
  maxItemsPerLine: 100,
  maxPointsPerDeposit: 5_000
}

t.test('rounding rule: floor(grams × pointsPerKg / 1000) per line', async t => {
  const cases: Array<[DepositLine, number]> = [
    [{ category: 'paper', grams: 1000 }, 40],
    [{ category: 'paper', grams: 1 }, 0],
    [{ category: 'paper', grams: 24 }, 0], // 0.96 points → 0
    [{ category: 'paper', grams: 25 }, 1], // exactly 1.0
    [{ category: 'paper', grams: 2499 }, 99], // 99.96 → 99
    [{ category: 'plastic', grams: 1234 }, 74], // 74.04 → 74
    [{ category: 'hazardous', grams: 80, count: 3 }, 150],
    [{ category: 'hazardous', grams: 80 }, 0],
    [{ category: 'other', grams: 5000 }, 0],
    [{ category: 'glass', grams: 5000 }, 0], // no rate at this site
    [{ category: 'paper', grams: -300 }, 0]
  ]
  for (const [line, expected] of cases) {
    t.equal(linePoints(line, rates), expected, `${line.category} ${line.grams} g ×${line.count ?? '-'} → ${expected}`)
  }
})

t.test('fractions are not carried between lines', async t => {
  const a = assessDeposit([{ category: 'paper', grams: 24 }, { category: 'paper', grams: 24 }], rates)
  t.equal(a.pointsComputed, 0)
  t.equal(a.totalGrams, 48)
  t.same(a.reviewReasons, [])
})

t.test('implausible weights go to review', async t => {
  const cases: Array<[DepositLine[], string[]]> = [
    [[{ category: 'paper', grams: 0 }], ['NON_POSITIVE_WEIGHT']],
    [[{ category: 'paper', grams: -5 }], ['NON_POSITIVE_WEIGHT']],
    [[{ category: 'paper', grams: 50_001 }], ['ABOVE_CAPACITY']],
    [[{ category: 'paper', grams: 50_000 }], []],
    [[{ category: 'hazardous', grams: 40 }], ['ITEM_COUNT_MISSING']],
    [[{ category: 'plastic', grams: 300 }, { category: 'metal', grams: 0 }], ['NON_POSITIVE_WEIGHT']]
  ]
  for (const [lines, codes] of cases) {
    t.same(assessDeposit(lines, rates).reviewReasons.map(r => r.code), codes, JSON.stringify(lines))
  }
})

t.test('daily cap', async t => {
  const cases: Array<[number, number, number, number]> = [
    // points, earned today, cap, credited
    [100, 0, 500, 100],
    [100, 450, 500, 50],
    [100, 500, 500, 0],
    [100, 600, 500, 0],
    [100, 10_000, 0, 100]
  ]
  for (const [points, earned, cap, credited] of cases) t.equal(applyDailyCap(points, earned, cap), credited, `${points} after ${earned} under cap ${cap}`)
})

t.test('default rate table covers every category', async t => {
  t.equal(Object.keys(defaultRateTable.rates).length, 8)
})
