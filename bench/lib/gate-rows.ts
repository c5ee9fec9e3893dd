// The gate figures' rows (issue #10): request → open against the QoS 1 round
// trip through bare Aedes in the same round; a card blocked reaching every
// online gate; the fleet syncing its lists at once.
import type { CardBlocked, GateSync } from '../figures/gates.ts'
import type { Latency } from '../figures/latency.ts'
import type { Params } from './context.ts'
import { fmt, withRange, type Row } from './report.ts'
import { summarize } from './stats.ts'

interface GateFigures {
  gateRoundTrip: Array<Latency | null>
  gateSwipes: Array<(Latency & { denied: number }) | null>
  gateSync: Array<{ sync: GateSync, blocked: CardBlocked } | null>
}

const vals = <T>(xs: Array<T | null>, f: (x: T) => number) => xs.map(x => x == null ? NaN : f(x))
const verdict = (ok: boolean | null): Row['verdict'] => ok == null ? 'error' : ok ? 'pass' : 'miss'

export function gateRows (f: GateFigures, p: Params['gates']): Row[] {
  const rows: Row[] = []
  if (f.gateSwipes.length > 0) {
    const ratio = summarize(f.gateSwipes.map((o, i) => { const a = f.gateRoundTrip[i]; return o == null || a == null ? NaN : o.p99 / a.p99 }))
    const lat = (xs: Array<Latency | null>) => `p50 ${withRange(summarize(vals(xs, x => x.p50)), 2)} / p99 ${withRange(summarize(vals(xs, x => x.p99)), 2)} ms`
    rows.push({
      figure: `gate request → open @${fmt(p.ratePerS)}/s (${fmt(p.swipeGates)} gates, commands acked)`,
      ours: lat(f.gateSwipes),
      baseline: `Aedes QoS 1 RTT ${lat(f.gateRoundTrip)}`,
      ratio: `p99 ${withRange(ratio, 2, '×')}${f.gateSwipes.some(x => x != null && x.lost > x.n * 0.01) ? ' (ours: >1% unanswered, p99 is a lower bound)' : ''}`,
      target: 'p99 ≤ 1.5×',
      verdict: verdict(Number.isFinite(ratio.median) ? ratio.median <= 1.5 : null)
    })
  }
  if (f.gateSync.length > 0) {
    const p99 = summarize(vals(f.gateSync, x => x.blocked.p99))
    const complete = f.gateSync.every(x => x != null && x.blocked.missing === 0)
    rows.push({
      figure: `card blocked → all ${fmt(p.syncGates)} online gates hold the change (${p.blocks} blocks)`,
      ours: `p50 ${withRange(summarize(vals(f.gateSync, x => x.blocked.p50)), 0)} / p99 ${withRange(p99, 0)} / max ${withRange(summarize(vals(f.gateSync, x => x.blocked.max)), 0)} ms`,
      baseline: '–',
      ratio: complete ? '–' : 'some gates never got it',
      target: 'p99 ≤ 2 s, every gate',
      verdict: verdict(Number.isFinite(p99.median) ? p99.median <= 2000 && complete : null)
    })
    rows.push({
      figure: `${fmt(p.syncGates)} gates connecting at once, each taking its ${fmt(2 * p.households)}-card list`,
      ours: `${withRange(summarize(vals(f.gateSync, x => x.sync.ms / 1000)), 2, ' s')} to all synced, ${withRange(summarize(vals(f.gateSync, x => x.sync.bytesPerGate / 1024)), 1, ' KiB')} per gate (server CPU ${withRange(summarize(vals(f.gateSync, x => x.sync.serverCpuMs / 1000)), 1, ' s')})`,
      baseline: '–',
      ratio: '–',
      target: 'reported',
      verdict: f.gateSync.every(x => x != null && x.sync.synced === x.sync.gates) ? 'info' : 'error'
    })
  }
  return rows
}
