// Figure: reconnect storm. N devices, each with its own secret, connect at
// once to a server that has just started on the provisioned store (as after
// a restart or a deploy: nothing remembered in memory, every secret checked
// anew); time from `go` to the last CONNACK. Baseline: the same storm, same
// generators, against bare Aedes (no authentication).
import type { RunContext } from '../lib/context.ts'
import { fleetSlice } from '../lib/fleet.ts'
import { cpuMs, startChild } from '../lib/proc.ts'
import { startAedes, startOurs, withServer, type Server } from './servers.ts'

export interface Storm { ms: number, connected: number, failed: number, serverCpuMs: number, lastError: string | null }

/** Generator processes, each under the file limit (a socket per device on both sides). */
const PER_GENERATOR = 10_000

async function storm (ctx: RunContext, server: Server, authenticate: boolean): Promise<Storm> {
  const p = ctx.params.reconnect
  const maxMs = 10 * 60_000
  const n = Math.ceil(p.devices / PER_GENERATOR)
  const generators = Array.from({ length: n }, (_, g) => startChild('load/storm-devices.ts', {
    port: server.port, fleet: fleetSlice(ctx.fleet, g * PER_GENERATOR, Math.min(PER_GENERATOR, p.devices - g * PER_GENERATOR)),
    authenticate, concurrency: Math.ceil(p.concurrency / n), maxMs
  }, { fileLimit: ctx.fileLimit }))
  try {
    await Promise.all(generators.map(g => g.next('ready', 60_000)))
    const cpuBefore = cpuMs(server.pid)
    const results = await Promise.all(generators.map(g => g.ask<{ connected: number, failed: number, lastError: string | null, elapsedMs: number }>({ type: 'go' }, 'result', maxMs)))
    return {
      ms: Math.max(...results.map(r => r.elapsedMs)),
      connected: results.reduce((s, r) => s + r.connected, 0),
      failed: results.reduce((s, r) => s + r.failed, 0),
      serverCpuMs: cpuMs(server.pid) - cpuBefore,
      lastError: results.map(r => r.lastError).find(e => e != null) ?? null
    }
  } finally {
    await Promise.all(generators.map(g => g.stop()))
  }
}

export function aedesStorm (ctx: RunContext): Promise<Storm> {
  return withServer(startAedes(ctx), server => storm(ctx, server, false))
}

export function ourStorm (ctx: RunContext): Promise<Storm> {
  return withServer(startOurs(ctx), server => storm(ctx, server, true))
}
