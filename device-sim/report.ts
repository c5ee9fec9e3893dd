// Human-readable progress lines and the end-of-run table for the CLI.
import type { FleetProgress, FleetSummary } from './fleet.ts'
import type { LatencySummary } from './latency.ts'
import { total } from './stats.ts'

export function formatProgress (p: FleetProgress): string {
  const s = p.stats
  const secs = (p.elapsedMs / 1000).toFixed(0)
  return `[${secs.padStart(4)} s] visits ${p.visits} (in flight ${p.inFlight}, backlog ${p.backlog}) · deposits ${s.depositsSent} sent / ${s.depositsAcked} acked` +
    ` · ${s.pointsCredited} points · denied ${s.denied} · timeouts ${s.timeouts} · errors ${total(s.errorReplies)}`
}

export function formatSummary (s: FleetSummary): string {
  const rows: Array<[string, string | number]> = [
    ['elapsed', `${(s.elapsedMs / 1000).toFixed(1)} s`],
    ['kiosks / residents', `${s.kiosks} / ${s.residents}`],
    ['visits', s.visits],
    ['  deposited', s.deposited],
    ['  denied', s.denied],
    ['  timeouts', s.timeouts],
    ['  rejected (dead-lettered)', s.rejected],
    ['  offline at swipe', s.offline],
    ['  failed (sim error)', s.visitErrors],
    ['deposits sent', s.depositsSent],
    ['deposits acked', s.depositsAcked],
    ['points credited', s.pointsCredited],
    ['bad payloads injected', s.badPayloadsInjected],
    ['error replies received', formatCounts(s.errorRepliesReceived, s.errorReplies)],
    ['replays (resends + injected)', s.replays],
    ['commands received / acked', `${s.commandsReceived} / ${s.commandAcksSent}`],
    ['events left unsent', s.unsentEvents],
    ['swipe → open (ms)', formatLatency(s.latencyMs.open)],
    ['deposit → display (ms)', formatLatency(s.latencyMs.display)]
  ]
  const width = Math.max(...rows.map(([k]) => k.length))
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')
}

function formatCounts (sum: number, counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([k, v]) => `${k} ${v}`)
  return parts.length === 0 ? String(sum) : `${sum} (${parts.join(', ')})`
}

function formatLatency (l: LatencySummary): string {
  if (l.count === 0) return '–'
  return `p50 ${l.p50} · p95 ${l.p95} · p99 ${l.p99} · max ${l.max} (n=${l.count})`
}
