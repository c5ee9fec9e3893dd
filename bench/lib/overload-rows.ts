// Rows of the back-pressure figures (issue #8), beside the rows of rows.ts.
import type { Overload } from '../figures/overload.ts'
import { fmt, withRange, type Row } from './report.ts'
import { summarize } from './stats.ts'

export function overloadRows (overload: Array<Overload | null>, params: { overloadMs: number, afterMs: number }): Row[] {
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
  rows.push({ figure: 'mixed: kiosks at capacity + 20 HTTP redeemers', ours: 'not built yet (see test/e2e/mixed-load.test.ts for the correctness side)', baseline: '–', ratio: '–', target: '0 HTTP 5xx', verdict: 'not built yet' })
  return rows
}
