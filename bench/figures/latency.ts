// Figure 2: swipe → open latency at a fixed swipe rate (ours) against the
// QoS 1 round trip through bare Aedes at the same rate (publish → responder
// echoes on another topic → received).
import type { RunContext } from '../lib/context.ts'
import { fleetSlice } from '../lib/fleet.ts'
import { startChild } from '../lib/proc.ts'
import { startAedes, startOurs } from './servers.ts'

export interface Latency { p50: number, p99: number, max: number, n: number, sent: number, lost: number }

/** `at`: another rate and duration than the latency figure's (the gate figure's baseline). */
export async function aedesRoundTrip (ctx: RunContext, at?: { ratePerS: number, durationMs: number, warmupMs: number }): Promise<Latency> {
  const p = { ...ctx.params.latency, ...(at != null ? { ratePerS: at.ratePerS, durationMs: at.durationMs, warmupMs: at.warmupMs } : {}) }
  const server = await startAedes(ctx)
  const maxMs = p.durationMs + 60_000
  const responder = startChild('load/rtt-responder.ts', { port: server.port, maxMs }, { fileLimit: ctx.fileLimit })
  const requester = startChild('load/rtt-requester.ts', { port: server.port, connections: p.connections, maxMs }, { fileLimit: ctx.fileLimit })
  try {
    await Promise.all([responder.next('ready', 30_000), requester.next('ready', 30_000)])
    return await requester.ask<Latency>({ type: 'go', ratePerS: p.ratePerS, durationMs: p.durationMs, warmupMs: p.warmupMs }, 'result', maxMs)
  } finally {
    await Promise.all([requester.stop(), responder.stop()])
    await server.child.stop()
  }
}

export async function ourSwipes (ctx: RunContext): Promise<Latency & { denied: number }> {
  const p = ctx.params.latency
  const server = await startOurs(ctx)
  const maxMs = p.durationMs + 120_000
  const load = startChild('load/kiosk-swipes.ts', {
    port: server.port, fleet: fleetSlice(ctx.fleet, 0, p.kiosks),
    connectRatePerS: 2000, maxMs
  }, { fileLimit: ctx.fileLimit })
  try {
    await load.next('ready', 60_000)
    const r = await load.ask<Latency & { denied: number }>({ type: 'go', ratePerS: p.ratePerS, durationMs: p.durationMs, warmupMs: p.warmupMs }, 'result', maxMs)
    if (r.denied > 0) throw new Error(`${r.denied} swipes were denied: the bench fleet is provisioned wrongly`)
    return r
  } finally {
    await load.stop()
    await server.child.stop()
  }
}
