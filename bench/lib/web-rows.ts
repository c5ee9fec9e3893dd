// The web figures' rows (issue 13): the first page with 1,000 devices
// against 1 s, and the 5,000-device grid's filter changes against 100 ms.
// Each round's figure is a median of its samples; the row shows the median
// over rounds and their range.
import type { WebPages } from '../figures/web-pages.ts'
import { fmt, withRange, type Row } from './report.ts'
import { summarize } from './stats.ts'

const FIRST_PAGE_MS = 1000
const FILTER_MS = 100

export function webRows (figures: Array<WebPages | null>, skipped: string | null): Row[] {
  if (skipped != null) return [{ figure: 'staff pages in Chromium', ours: '–', baseline: '–', ratio: '–', target: '–', verdict: 'skipped' }]
  if (figures.length === 0) return []
  const first = figures.find(f => f != null)
  const verdict = (median: number, target: number): Row['verdict'] => Number.isFinite(median) ? (median <= target ? 'pass' : 'miss') : 'error'
  const firstPage = summarize(figures.map(f => f?.firstPage.ms.median ?? NaN))
  const render = summarize(figures.map(f => f?.grid.renderMs ?? NaN))
  const filter = summarize(figures.map(f => f?.grid.filterMs.median ?? NaN))
  const worstFilter = summarize(figures.map(f => f?.grid.filterMs.max ?? NaN))
  return [
    { figure: `first page usable (overview shows the device count), ${fmt(first?.firstPage.devices ?? 1000)} devices, cold browser cache`, ours: withRange(firstPage, 0, ' ms'), baseline: '–', ratio: '–', target: `≤ ${fmt(FIRST_PAGE_MS)} ms`, verdict: verdict(firstPage.median, FIRST_PAGE_MS) },
    { figure: `devices grid, ${fmt(first?.grid.devices ?? 5000)} devices: page opened → first page of tiles shown`, ours: withRange(render, 0, ' ms'), baseline: '–', ratio: '–', target: '–', verdict: 'info' },
    { figure: `devices grid, ${fmt(first?.grid.devices ?? 5000)} devices: filter change → grid painted (median of ${first?.grid.filters ?? 0}; worst ${withRange(worstFilter, 0, ' ms')})`, ours: withRange(filter, 0, ' ms'), baseline: '–', ratio: '–', target: `≤ ${FILTER_MS} ms`, verdict: verdict(filter.median, FILTER_MS) }
  ]
}
