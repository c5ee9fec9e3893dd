// Rounds → table rows: median and range per figure, ratios paired per round
// (baseline and ours measured back to back in the same round).
import type { ColdStart } from '../figures/coldstart.ts'
import type { TelemetryThroughput } from '../figures/telemetry.ts'
import type { Throughput } from '../figures/deposits.ts'
import type { Idle } from '../figures/idle.ts'
import type { Latency } from '../figures/latency.ts'
import type { Storm } from '../figures/reconnect.ts'
import type { SecretCheckCost } from '../figures/secret-check.ts'
import type { Params } from './context.ts'
import { fmt, withRange, type Row } from './report.ts'
import { summarize, type Summary } from './stats.ts'

interface Figures {
  aedesForwarding: Array<Throughput | null>
  mosquittoForwarding: Array<Throughput | null>
  ourDeposits: Array<Throughput | null>
  ourDepositsPostgres: Array<Throughput | null>
  aedesRoundTrip: Array<Latency | null>
  ourSwipes: Array<Latency | null>
  aedesIdle: Array<Idle | null>
  ourIdle: Array<Idle | null>
  aedesStorm: Array<Storm | null>
  ourStorm: Array<Storm | null>
  secretCheck: Array<SecretCheckCost | null>
  coldStart: Array<ColdStart | null>
  telemetry: Array<TelemetryThroughput | null>
  telemetrySkipped: string | false
  mosquitto: string
}

const vals = <T>(xs: Array<T | null>, f: (x: T) => number) => xs.map(x => x == null ? NaN : f(x))
const pair = <A, B>(a: Array<A | null>, b: Array<B | null>, f: (a: A, b: B) => number) => a.map((x, i) => { const y = b[i]; return x == null || y == null ? NaN : f(x, y) })

function verdict (ok: boolean | null): Row['verdict'] {
  return ok == null ? 'error' : ok ? 'pass' : 'miss'
}

/** A ratio with a target: its median decides pass or miss. */
function targetRow (figure: string, ours: string, baseline: string, ratio: Summary, digits: number, target: string, passes: (median: number) => boolean): Row {
  return { figure, ours, baseline, ratio: withRange(ratio, digits, '×'), target, verdict: verdict(Number.isFinite(ratio.median) ? passes(ratio.median) : null) }
}

export function buildRows (f: Figures, params: Params): Row[] {
  const rows: Row[] = []
  const has = (xs: unknown[]) => xs.length > 0

  if (has(f.ourDeposits) || has(f.aedesForwarding)) {
    // A visit is two QoS 1 events in and two commands out: set against two forwarded messages.
    const perMessage = (o: Throughput, a: Throughput) => (2 * o.perS) / a.perS
    const visitsPerS = (xs: Array<Throughput | null>) => withRange(summarize(vals(xs, x => x.perS)), 0, ' visits/s')
    rows.push(targetRow('deposit visits per message: 2 × visits/s ÷ Aedes QoS 1 msg/s', visitsPerS(f.ourDeposits),
      `Aedes QoS 1 fwd ${withRange(summarize(vals(f.aedesForwarding, x => x.perS)), 0, ' msg/s')}`,
      summarize(pair(f.ourDeposits, f.aedesForwarding, perMessage)), 2, '≥ 0.5×', m => m >= 0.5))
    if (has(f.mosquittoForwarding)) {
      const r = summarize(pair(f.ourDeposits, f.mosquittoForwarding, perMessage))
      rows.push({ figure: '  reference: Mosquitto QoS 1 fwd', ours: '', baseline: withRange(summarize(vals(f.mosquittoForwarding, x => x.perS)), 0, ' msg/s'), ratio: withRange(r, 2, '×'), target: '–', verdict: 'info' })
    } else {
      rows.push({ figure: '  reference: Mosquitto QoS 1 fwd', ours: '', baseline: f.mosquitto, ratio: '–', target: '–', verdict: 'skipped' })
    }
    rows.push(targetRow('server CPU per visit ÷ (2 × Aedes CPU per message)', withRange(summarize(vals(f.ourDeposits, x => x.cpuUsPer)), 1, ' µs'),
      `Aedes ${withRange(summarize(vals(f.aedesForwarding, x => x.cpuUsPer)), 1, ' µs')}`,
      summarize(pair(f.ourDeposits, f.aedesForwarding, (o, a) => o.cpuUsPer / (2 * a.cpuUsPer))), 1, '≤ 3×', m => m <= 3))
    rows.push(targetRow('the same deposits figure on PostgreSQL (local server) ÷ SQLite', visitsPerS(f.ourDepositsPostgres),
      `SQLite ${visitsPerS(f.ourDeposits)}`,
      summarize(pair(f.ourDepositsPostgres, f.ourDeposits, (onPostgres, onSqlite) => onPostgres.perS / onSqlite.perS)), 2, '≥ 0.5×', m => m >= 0.5))
  }

  if (has(f.ourSwipes) || has(f.aedesRoundTrip)) {
    const ratio = summarize(pair(f.ourSwipes, f.aedesRoundTrip, (o, a) => o.p99 / a.p99))
    const p = (xs: Array<Latency | null>) => `p50 ${withRange(summarize(vals(xs, x => x.p50)), 2)} / p99 ${withRange(summarize(vals(xs, x => x.p99)), 2)} ms`
    rows.push({
      figure: `swipe → open @${fmt(params.latency.ratePerS)}/s`,
      ours: p(f.ourSwipes),
      baseline: `Aedes QoS 1 RTT ${p(f.aedesRoundTrip)}`,
      ratio: `p99 ${withRange(ratio, 2, '×')}${f.ourSwipes.some(x => x != null && x.lost > x.n * 0.01) ? ' (ours: >1% unanswered, p99 is a lower bound)' : ''}`,
      target: 'p99 ≤ 2×',
      verdict: verdict(Number.isFinite(ratio.median) ? ratio.median <= 2 : null)
    })
  }

  if (has(f.ourIdle) || has(f.aedesIdle)) {
    const ratio = summarize(pair(f.ourIdle, f.aedesIdle, (o, a) => o.bytesPerConnection / a.bytesPerConnection))
    const connected = summarize(vals(f.ourIdle, x => x.connected))
    const enough = connected.min >= Math.min(19_000, params.idle.devices)
    rows.push({
      figure: `connected devices, 30 s heartbeats`,
      ours: `${withRange(summarize(vals(f.ourIdle, x => x.bytesPerConnection / 1024)), 1, ' KiB')} × ${fmt(connected.min)} devices`,
      baseline: `Aedes idle ${withRange(summarize(vals(f.aedesIdle, x => x.bytesPerConnection / 1024)), 1, ' KiB')}/conn`,
      ratio: withRange(ratio, 2, '×'),
      target: `≤ 1.5×, ≥ ${fmt(Math.min(19_000, params.idle.devices))} devices`,
      verdict: verdict(Number.isFinite(ratio.median) ? ratio.median <= 1.5 && enough : null)
    })
  }

  if (has(f.ourStorm) || has(f.aedesStorm)) {
    const ratio = summarize(pair(f.ourStorm, f.aedesStorm, (o, a) => o.ms / a.ms))
    const all = f.ourStorm.every(x => x != null && x.connected === params.reconnect.devices)
    rows.push({
      figure: `reconnect storm: ${fmt(params.reconnect.devices)} devices, distinct secrets, after a restart`,
      ours: `${withRange(summarize(vals(f.ourStorm, x => x.ms / 1000)), 2, ' s')} to all connected (server CPU ${withRange(summarize(vals(f.ourStorm, x => x.serverCpuMs / 1000)), 1, ' s')})`,
      baseline: `Aedes ${withRange(summarize(vals(f.aedesStorm, x => x.ms / 1000)), 2, ' s')} (CPU ${withRange(summarize(vals(f.aedesStorm, x => x.serverCpuMs / 1000)), 1, ' s')})`,
      ratio: `${withRange(ratio, 2, '×')}${all ? '' : ' (ours: not all connected)'}`,
      target: '≤ 1.5×, all connected',
      verdict: verdict(Number.isFinite(ratio.median) ? ratio.median <= 1.5 && all : null)
    })
    const perConnect = (xs: Array<Storm | null>) => summarize(vals(xs, x => x.serverCpuMs * 1000 / Math.max(1, x.connected)))
    rows.push({
      figure: '  server CPU per connect',
      ours: withRange(perConnect(f.ourStorm), 0, ' µs'),
      baseline: `Aedes ${withRange(perConnect(f.aedesStorm), 0, ' µs')}`,
      ratio: withRange(summarize(pair(f.ourStorm, f.aedesStorm, (o, a) => (o.serverCpuMs / o.connected) / (a.serverCpuMs / a.connected))), 2, '×'),
      target: '–',
      verdict: 'info'
    })
    const scryptMs = summarize(vals(f.secretCheck, x => x.scryptMs))
    rows.push({
      figure: '  one secret check (CPU)',
      ours: `HMAC ${withRange(summarize(vals(f.secretCheck, x => x.hmacUs)), 1, ' µs')}`,
      baseline: `scrypt (legacy rows) ${withRange(scryptMs, 1, ' ms')}: the storm with scrypt rows ≈ ${fmt(params.reconnect.devices * scryptMs.median / 60_000, 1)} CPU-min`,
      ratio: '–',
      target: '–',
      verdict: 'info'
    })
  }

  if (has(f.coldStart)) {
    const t = summarize(vals(f.coldStart, x => x.toListeningMs))
    rows.push({
      figure: 'cold start to ready, embedded',
      ours: `${withRange(t, 0, ' ms')} (readyInMs ${withRange(summarize(vals(f.coldStart, x => x.readyInMs)), 0)})`,
      baseline: '–',
      ratio: '–',
      target: '≤ 1,000 ms',
      verdict: verdict(Number.isFinite(t.median) ? t.median <= 1000 : null)
    })
  }

  if (has(f.telemetry)) {
    const t = summarize(vals(f.telemetry, x => x.pointsPerSecond))
    const e2e = summarize(vals(f.telemetry, x => x.endToEndPerSecond))
    rows.push({
      figure: 'telemetry points/s via outbox',
      ours: `${withRange(t, 0, '/s')} confirmed (append + ship ${withRange(e2e, 0, '/s')})`,
      baseline: '–',
      ratio: '–',
      target: '≥ 50,000/s',
      verdict: verdict(Number.isFinite(t.median) ? t.median >= 50_000 : null)
    })
  } else {
    rows.push({ figure: 'telemetry points/s via outbox', ours: f.telemetrySkipped === false ? 'not measured' : f.telemetrySkipped, baseline: '–', ratio: '–', target: '≥ 50,000/s', verdict: f.telemetrySkipped === false ? 'error' : 'skipped' })
  }
  rows.push({ figure: 'two nodes vs one', ours: 'not built yet', baseline: '–', ratio: '–', target: '≥ 1.6×', verdict: 'not built yet' })
  return rows
}
