// Gate figures (issue #10): access request → gate-open at a fixed rate (set
// against the QoS 1 round trip through bare Aedes, measured by latency.ts);
// the whole gate fleet connecting at once and each taking its 6,000-card
// allow-list (time and bytes); and a card blocked over HTTP reaching every
// online gate as a list delta (p99 and max over gates and blocks).
import type { RunContext } from '../lib/context.ts'
import { fleetSlice } from '../lib/fleet.ts'
import { cpuMs, startChild } from '../lib/proc.ts'
import { latencySummary } from '../lib/stats.ts'
import { gateCardUid } from '../setup/provision.ts'
import type { Latency } from './latency.ts'
import { startOurs } from './servers.ts'

export interface GateSync {
  gates: number
  synced: number
  failed: number
  /** From `go` until the last gate held time, config and its full list. */
  ms: number
  bytesPerGate: number
  serverCpuMs: number
}
export interface CardBlocked { p50: number, p99: number, max: number, n: number, missing: number, blocks: number }

export async function ourGateSwipes (ctx: RunContext): Promise<Latency & { denied: number }> {
  const p = ctx.params.gates
  const server = await startOurs(ctx, 'gate-swipes')
  const maxMs = p.durationMs + 180_000
  const load = startChild('load/gate-devices.ts', { port: server.port, fleet: fleetSlice(ctx.gateFleet, 0, p.swipeGates), cards: ctx.gateFleet.cards, maxMs }, { fileLimit: ctx.fileLimit })
  try {
    await load.next('ready', 60_000)
    const sync = await load.ask<{ synced: number, gates: number }>({ type: 'sync', ratePerS: 2000, concurrency: 100 }, 'synced', maxMs)
    if (sync.synced !== sync.gates) throw new Error(`${sync.gates - sync.synced} of ${sync.gates} gates did not sync`)
    const r = await load.ask<Latency & { denied: number }>({ type: 'swipes', ratePerS: p.ratePerS, durationMs: p.durationMs, warmupMs: p.warmupMs }, 'result', maxMs)
    if (r.denied > 0) throw new Error(`${r.denied} access requests were denied: the bench gate site is provisioned wrongly`)
    return r
  } finally {
    await load.stop()
    await server.child.stop()
  }
}

/** One backend: the gate fleet connects at once and syncs, then `blocks` cards are blocked over HTTP one after another. */
export async function ourGateSync (ctx: RunContext): Promise<{ sync: GateSync, blocked: CardBlocked }> {
  const p = ctx.params.gates
  const server = await startOurs(ctx)
  const maxMs = 240_000
  const load = startChild('load/gate-devices.ts', { port: server.port, fleet: fleetSlice(ctx.gateFleet, 0, p.syncGates), cards: ctx.gateFleet.cards, maxMs }, { fileLimit: ctx.fileLimit })
  try {
    const { token } = await server.child.ask<{ token: string }>({ type: 'seed-manager' }, 'seeded', 60_000)
    await load.next('ready', 60_000)
    const cpuBefore = cpuMs(server.pid)
    const s = await load.ask<{ gates: number, synced: number, failed: number, ms: number, bytes: number, lastError: string | null }>({ type: 'sync', ratePerS: 1_000_000, concurrency: 400 }, 'synced', maxMs)
    const sync: GateSync = { gates: s.gates, synced: s.synced, failed: s.failed, ms: s.ms, bytesPerGate: s.bytes / Math.max(1, s.synced), serverCpuMs: (cpuMs(server.pid)) - cpuBefore }
    if (s.synced !== s.gates) throw new Error(`${s.gates - s.synced} of ${s.gates} gates did not sync (${s.failed} failed to connect: ${s.lastError ?? ''})`)

    const latencies: number[] = []
    let missing = 0
    for (let b = 0; b < p.blocks; b++) {
      const card = gateCardUid(2 * b + 1) // the second card of household b
      const watched = load.ask<{ seenAt: number[], gates: number }>({ type: 'watch', card, timeoutMs: 30_000 }, 'watched', maxMs)
      await load.next('watching', 10_000)
      const sentAt = Date.now()
      const res = await fetch(`${server.httpUrl}/api/cards/${card}/block`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
      if (res.status !== 200) throw new Error(`blocking ${card}: HTTP ${res.status} ${await res.text()}`)
      const w = await watched
      latencies.push(...w.seenAt.map(at => at - sentAt))
      missing += w.gates - w.seenAt.length
    }
    return { sync, blocked: { ...latencySummary(latencies), missing, blocks: p.blocks } }
  } finally {
    await load.stop()
    await server.child.stop()
  }
}
