import t from 'tap'
import { depositLineSchema } from '../../schemas/device-events.ts'
import { defaultRateTable } from '../../schemas/rate-table.ts'
import { createDepositMix, hazardousPieces, plausibleGrams } from '../../device-sim/deposit-mix.ts'

const visits = (seed: number, n: number, implausibleRate = 0) => {
  const mix = createDepositMix({ seed, implausibleRate })
  return Array.from({ length: n }, () => mix.next())
}

t.test('same seed, same visits; another seed, other visits', async t => {
  t.same(visits(42, 50), visits(42, 50))
  t.not(JSON.stringify(visits(42, 50)), JSON.stringify(visits(43, 50)))
})

t.test('plausible: 1–3 distinct categories, weights in range, batteries counted', async t => {
  const all = visits(7, 2000)
  const problems: string[] = []
  const seen = new Set<string>()
  for (const lines of all) {
    if (lines.length < 1 || lines.length > 3) problems.push(`${lines.length} lines`)
    if (new Set(lines.map(l => l.category)).size !== lines.length) problems.push('repeated category')
    for (const line of lines) {
      seen.add(line.category)
      if (!depositLineSchema.safeParse(line).success) problems.push(`invalid ${JSON.stringify(line)}`)
      if (line.category === 'hazardous') {
        const count = line.count ?? 0
        if (count < hazardousPieces.min || count > hazardousPieces.max) problems.push(`${count} batteries`)
        if (line.grams < count * 15 || line.grams > count * 25) problems.push(`${line.grams} g for ${count} batteries`)
      } else {
        const range = plausibleGrams[line.category]
        if (line.grams < range.min || line.grams > range.max || line.count != null) problems.push(JSON.stringify(line))
      }
    }
  }
  t.same(problems, [], 'every line plausible')
  t.equal(seen.size, 8, 'every category shows up')
  const sizes = [1, 2, 3].map(n => all.filter(v => v.length === n).length)
  t.ok(sizes.every(n => n > 300), `a spread of line counts: ${sizes}`)
  const kitchen = all.filter(v => v.some(l => l.category === 'kitchen')).length
  const hazardous = all.filter(v => v.some(l => l.category === 'hazardous')).length
  t.ok(kitchen > hazardous * 5, `kitchen waste (${kitchen}) far more common than batteries (${hazardous})`)
})

t.test('implausible weights only when asked', async t => {
  const tooHeavy = (rate: number) => visits(9, 500, rate).filter(v => v.some(l => l.grams > defaultRateTable.maxGramsPerLine)).length
  t.equal(tooHeavy(0), 0)
  t.equal(tooHeavy(1), 500)
  const some = tooHeavy(0.1)
  t.ok(some > 20 && some < 100, `about 10 %: ${some}`)
})
