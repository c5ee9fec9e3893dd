// The reports figure's rows (issue 12): a month report of a 3,000-household
// site, cold (deposits parsed, gate passages counted, days rolled up) and rolled up, against the
// issue's 200 ms. Each round's figure is the median of its calls; the row
// shows the median over rounds and their range.
import type { ReportTiming } from '../figures/reports.ts'
import { fmt, withRange, type Row } from './report.ts'
import { summarize } from './stats.ts'

const TARGET_MS = 200

export function reportRows (timings: Array<ReportTiming | null>): Row[] {
  if (timings.length === 0) return []
  const row = (label: string, pick: (r: ReportTiming) => number): Row => {
    const s = summarize(timings.map(r => r == null ? NaN : pick(r)))
    const first = timings.find(r => r != null)
    return {
      figure: `month report, ${fmt(first?.households ?? 3000)} households (${fmt(first?.deposits ?? 0)} deposits, ${fmt(first?.ledgerEntries ?? 0)} ledger entries, ${fmt(first?.passages ?? 0)} gate passages, ${fmt(first?.chargingSessions ?? 0)} charging sessions), ${label}`,
      ours: withRange(s, 1, ' ms'),
      baseline: '–',
      ratio: '–',
      target: `< ${TARGET_MS} ms`,
      verdict: Number.isFinite(s.median) ? (s.median < TARGET_MS ? 'pass' : 'miss') : 'error'
    }
  }
  return [
    row('cold (no roll-up yet)', r => r.coldMs.median),
    row('rolled up', r => r.rolledUpMs.median)
  ]
}
