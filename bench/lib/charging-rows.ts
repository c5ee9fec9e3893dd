// The charging figure's rows (issue #11): server CPU per meter event against
// bare Aedes' CPU per forwarded message in the same round, and stop → settled.
import type { Throughput } from '../figures/deposits.ts'
import type { Charging } from '../figures/charging.ts'
import type { Params } from './context.ts'
import { fmt, withRange, type Row } from './report.ts'
import { summarize } from './stats.ts'

interface ChargingFigures { chargingForwarding: Array<Throughput | null>, charging: Array<Charging | null> }

const vals = <T>(xs: Array<T | null>, f: (x: T) => number) => xs.map(x => x == null ? NaN : f(x))

export function chargingRows (f: ChargingFigures, p: Params['charging']): Row[] {
  if (f.charging.length === 0) return []
  const aedes = withRange(summarize(vals(f.chargingForwarding, x => x.cpuUsPer)), 1, ' µs')
  const ratio = (per: (c: Charging) => number) => summarize(f.charging.map((c, i) => { const a = f.chargingForwarding[i]; return c == null || a == null ? NaN : per(c) / a.cpuUsPer }))
  const allSettled = f.charging.every(c => c != null && c.settled === c.sessions && c.stop.acked === c.stop.stops)
  return [
    {
      figure: `CPU per meter event: ${fmt(p.piles)} piles every 30 s beside ${fmt(p.kiosks)} kiosks at their usual load`,
      ours: withRange(summarize(vals(f.charging, c => c.cpuUsPerMeter30s)), 0, ' µs'),
      baseline: `Aedes ${aedes} per forwarded msg`,
      ratio: withRange(ratio(c => c.cpuUsPerMeter30s), 1, '×'),
      target: 'reported',
      verdict: 'info'
    },
    {
      figure: '  the same, every pile every second (steadier per-event figure)',
      ours: withRange(summarize(vals(f.charging, c => c.cpuUsPerMeter1s)), 0, ' µs'),
      baseline: `Aedes ${aedes}`,
      ratio: withRange(ratio(c => c.cpuUsPerMeter1s), 1, '×'),
      target: 'reported',
      verdict: 'info'
    },
    {
      figure: `stop → settled (PUBACK after the settling commit), ${fmt(p.piles)} stops within ${fmt(p.stopSpreadMs / 1000)} s`,
      ours: `p50 ${withRange(summarize(vals(f.charging, c => c.stop.p50)), 1)} / p99 ${withRange(summarize(vals(f.charging, c => c.stop.p99)), 1)} ms`,
      baseline: '–',
      ratio: allSettled ? '–' : 'not every session settled',
      target: 'reported, every session settled',
      verdict: allSettled ? 'info' : 'error'
    }
  ]
}
