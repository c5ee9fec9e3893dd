// Figure 3: RSS per connected device with 30 s heartbeats (ours, authenticated)
// against RSS per idle connection on bare Aedes, same count, same client.
// RSS is read after a GC, before the connections and after they all settled.
import type { RunContext } from '../lib/context.ts'
import { fleetSlice } from '../lib/fleet.ts'
import { rssBytes, startChild } from '../lib/proc.ts'
import { startAedes, startOurs, withServer, type Server } from './servers.ts'
import { sleep } from '../lib/child.ts'

export interface Idle { bytesPerConnection: number, connected: number, connectMs: number, rssBeforeMiB: number, rssAfterMiB: number }

/** Generator processes, each under the file limit (a socket per device on both sides). */
const PER_GENERATOR = 10_000

async function measure (ctx: RunContext, server: Server, authenticate: boolean): Promise<Idle> {
  const p = ctx.params.idle
  await server.child.ask({ type: 'gc' }, 'gc-done')
  await sleep(300)
  const before = rssBytes(server.pid)
  const maxMs = (p.devices / p.connectRatePerS) * 1000 * 8 + p.heartbeatS * 1000 + p.holdMs + 150_000
  const generators = []
  const n = Math.ceil(p.devices / PER_GENERATOR)
  const ratePer = p.connectRatePerS / n
  for (let g = 0; g < n; g++) {
    const from = g * PER_GENERATOR
    const count = Math.min(PER_GENERATOR, p.devices - from)
    generators.push(startChild('load/idle-devices.ts', {
      port: server.port, fleet: fleetSlice(ctx.fleet, from, count),
      authenticate, connectRatePerS: ratePer, heartbeatS: p.heartbeatS, maxMs
    }, { fileLimit: ctx.fileLimit }))
  }
  try {
    const readies = await Promise.all(generators.map(g => g.next<{ connected: number, failed: number, lastError: string | null, connectMs: number }>('ready', maxMs)))
    const connected = readies.reduce((s, r) => s + r.connected, 0)
    const failed = readies.reduce((s, r) => s + r.failed, 0)
    if (failed > 0) console.error(`  idle: ${failed} connections failed (${readies.map(r => r.lastError).filter(Boolean).join('; ')})`)
    // heartbeats start with a random phase at connect: hold until a full period has passed since the first
    const hold = ctx.quick ? p.holdMs : Math.max(p.holdMs, p.heartbeatS * 1000 + 2000 - Math.max(...readies.map(r => r.connectMs)))
    await sleep(hold)
    const checks = await Promise.all(generators.map(g => g.ask<{ open: number }>({ type: 'check' }, 'check')))
    const open = checks.reduce((s, c) => s + c.open, 0)
    const gc = await server.child.ask<{ connected: number }>({ type: 'gc' }, 'gc-done')
    await sleep(300)
    const after = rssBytes(server.pid)
    if (gc.connected < open * 0.99 || open < connected) console.error(`  idle: ${connected} connected, generators still hold ${open}, server counts ${gc.connected}`)
    return {
      bytesPerConnection: (after - before) / Math.max(1, gc.connected),
      connected: gc.connected,
      connectMs: Math.max(...readies.map(r => r.connectMs)),
      rssBeforeMiB: before / 2 ** 20,
      rssAfterMiB: after / 2 ** 20
    }
  } finally {
    await Promise.all(generators.map(g => g.stop()))
  }
}

export function aedesIdle (ctx: RunContext): Promise<Idle> {
  return withServer(startAedes(ctx), server => measure(ctx, server, false))
}

export function ourIdle (ctx: RunContext): Promise<Idle> {
  return withServer(startOurs(ctx), server => measure(ctx, server, true))
}
