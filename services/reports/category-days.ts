// Deposit weight per category and site-local day, rolled up lazily: a report
// reads the roll-up for the days it has, computes the others from the
// deposits (parsing their lines), and stores those that can no longer change
// (ended longer ago than the deposit window: no replayed deposit can still
// land in them). A month of a 3,000-household site then reads ~31 × 9 rows.
import { categories, type Category } from '../../schemas/common.ts'
import type { LinePoints } from '../points/deposit-points.ts'
import type { Executor } from '../store/executor.ts'
import { dayStartMs, nextDay } from './periods.ts'

export type GramsByCategory = Record<Category, number>
const MARKER = ''

export function emptyGrams (): GramsByCategory {
  return Object.fromEntries(categories.map(c => [c, 0])) as GramsByCategory
}

export async function gramsByCategory (db: Executor, site: { id: string, timezone: string }, days: readonly string[], finalBeforeMs: number): Promise<GramsByCategory> {
  const total = emptyGrams()
  const add = (category: string, grams: number) => { if (category in total) total[category as Category] += grams }
  const stored = await db.selectFrom('deposit_category_days').select(['local_day', 'category', 'grams'])
    .where('site_id', '=', site.id).where('local_day', 'in', [...days]).execute()
  const done = new Set(stored.filter(r => r.category === MARKER).map(r => r.local_day))
  for (const r of stored) if (done.has(r.local_day)) add(r.category, Number(r.grams))
  const missing = days.filter(d => !done.has(d))
  if (missing.length === 0) return total

  const perDay = new Map<string, { grams: GramsByCategory, lines: Map<string, number>, deposits: number }>(missing.map(d => [d, { grams: emptyGrams(), lines: new Map(), deposits: 0 }]))
  const rows = await db.selectFrom('deposits').select(['local_day', 'lines']).where('site_id', '=', site.id).where('local_day', 'in', missing).execute()
  for (const row of rows) {
    const day = perDay.get(row.local_day)
    if (day == null) continue
    day.deposits++
    for (const line of JSON.parse(row.lines) as LinePoints[]) {
      // negative weights (a faulty scale, sent to review) are not waste collected
      const grams = Math.max(0, line.grams)
      day.grams[line.category] += grams
      day.lines.set(line.category, (day.lines.get(line.category) ?? 0) + 1)
      add(line.category, grams)
    }
  }
  const final = missing.filter(d => dayStartMs(nextDay(d), site.timezone) <= finalBeforeMs)
  if (final.length > 0) {
    const values = final.flatMap(d => {
      const day = perDay.get(d)
      if (day == null) return []
      return [
        ...[...day.lines].map(([category, lines]) => ({ site_id: site.id, local_day: d, category, grams: day.grams[category as Category], lines })),
        { site_id: site.id, local_day: d, category: MARKER, grams: 0, lines: day.deposits }
      ]
    })
    await db.insertInto('deposit_category_days').values(values)
      .onConflict(oc => oc.columns(['site_id', 'local_day', 'category']).doNothing()).execute()
  }
  return total
}
