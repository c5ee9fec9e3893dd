// Rows of the back-pressure figures (issue #8), beside the rows of rows.ts.
import type { Mixed } from '../figures/mixed.ts'
import type { Overload } from '../figures/overload.ts'
import { fmt, withRange, type Row } from './report.ts'
import { summarize } from './stats.ts'

export function overloadRows (overload: Array<Overload | null>, params: { overloadMs: number, afterMs: number }, mixed: Array<Mixed | null> = []): Row[] {
  const rows: Row[] = []
  if (overload.length > 0) {
    const v = (f: (x: Overload) => number) => summarize(overload.map(x => x == null ? NaN : f(x)))
    const allAcked = overload.every(x => x != null && x.unacked === 0)
    rows.push({
      figure: `overload: 3× capacity for ${fmt(params.overloadMs / 1000)} s`,
      ours: `RSS +${withRange(v(x => x.rssGrowthBytes / 1048576), 0, ' MiB')} (2nd half +${withRange(v(x => x.rssGrowthSecondHalfBytes / 1048576), 0, ' MiB')}); PUBACK p99 ${withRange(v(x => x.during.p99), 0, ' ms')} during, ${withRange(v(x => x.after.p99), 0, ' ms')} in the ${fmt(params.afterMs / 1000)} s after`,
      baseline: `capacity ${withRange(v(x => x.capacityPerS), 0, '/s')}, acked ${withRange(v(x => x.ackedDuringPerS), 0, '/s')} under overload`,
      ratio: '–',
      target: 'bounded, reported',
      // every publish acknowledged in the end: nothing refused or lost under overload
      verdict: overload.some(x => x == null) ? 'error' : allAcked ? 'info' : 'miss'
    })
  }
  if (mixed.length > 0) {
    const v = (f: (x: Mixed) => number) => summarize(mixed.map(x => x == null ? NaN : f(x)))
    const serverErrors = mixed.reduce((sum, x) => sum + (x?.http.server5xx ?? 0) + (x?.http.failed ?? 0), 0)
    rows.push({
      figure: 'mixed: kiosks at capacity + 20 HTTP redeemers',
      ours: `${serverErrors} HTTP 5xx or failed of ${fmt(mixed.reduce((sum, x) => sum + (x?.http.requests ?? 0), 0))} redemptions; redemption p99 ${withRange(v(x => x.http.p99Ms), 1, ' ms')}; visit p99 ${withRange(v(x => x.visitP99Ms), 0, ' ms')}`,
      baseline: `${withRange(v(x => x.visitsPerS), 0, ' visits/s')} beside them`,
      ratio: '–',
      target: '0 HTTP 5xx',
      verdict: mixed.some(x => x == null) ? 'error' : serverErrors === 0 ? 'pass' : 'miss'
    })
  } else {
    rows.push({ figure: 'mixed: kiosks at capacity + 20 HTTP redeemers', ours: 'not measured in this run', baseline: '–', ratio: '–', target: '0 HTTP 5xx', verdict: 'info' })
  }
  return rows
}
