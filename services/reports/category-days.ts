// Deposit weight per category and site-local day, rolled up lazily: a report
// reads the roll-up for the days it has, computes the others from the
// deposits (parsing their lines), and stores those that ended longer ago than
// the deposit window. A stored day is not taken on trust: a kiosk offline for
// longer than the window still replays its deposit (LATE_REPLAY, to review)
// onto the session's day, after that day was stored. Its marker row keeps the
// number of deposits it summed; a day whose deposits now number otherwise is
// computed again and stored anew. Deposits are never deleted and their lines
// never change (a review decision changes points only), so the count tells.
// This costs the ingest path nothing, holds whatever the order of roll-up and
// replay (even one landing between a roll-up's read and its write) and mends
// days stored stale before. A month of a 3,000-household site then reads
// ~31 × 9 rows and counts its deposits on the (site, day) index.
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
  const stored = await db.selectFrom('deposit_category_days').select(['local_day', 'category', 'grams', 'lines'])
    .where('site_id', '=', site.id).where('local_day', 'in', [...days]).execute()
  const markers = stored.filter(r => r.category === MARKER)
  const depositsOn = new Map<string, number>()
  if (markers.length > 0) {
    const counted = await db.selectFrom('deposits').select(eb => ['local_day', eb.fn.countAll<string | number>().as('n')])
      .where('site_id', '=', site.id).where('local_day', 'in', markers.map(r => r.local_day)).groupBy('local_day').execute()
    for (const r of counted) depositsOn.set(r.local_day, Number(r.n))
  }
  // a day stored before a late deposit landed in it counts one deposit fewer: computed again below
  const done = new Set(markers.filter(r => Number(r.lines) === (depositsOn.get(r.local_day) ?? 0)).map(r => r.local_day))
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
    // replaces a stale day's rows (its categories can only have grown); two readers storing a day at once
    // store the same figures, and one that read before a deposit landed is mended by the next read
    await db.insertInto('deposit_category_days').values(values)
      .onConflict(oc => oc.columns(['site_id', 'local_day', 'category']).doUpdateSet(eb => ({ grams: eb.ref('excluded.grams'), lines: eb.ref('excluded.lines') }))).execute()
  }
  return total
}
