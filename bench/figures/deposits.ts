// Figure 1: deposit visits per second (swipe → open → deposit → display: two
// events in, two commands out; ours, on SQLite and on PostgreSQL) against QoS
// 1 messages per second that bare Aedes (and Mosquitto) forward to a subscriber.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { RunContext } from '../lib/context.ts'
import { fleetSlice } from '../lib/fleet.ts'
import { startChild } from '../lib/proc.ts'
import { cpuMs } from '../lib/proc.ts'
import { startMosquitto } from '../servers/mosquitto.ts'
import { provisionFleet } from '../setup/provision.ts'
import { startAedes, startOurs, type Server } from './servers.ts'

export interface Throughput { perS: number, cpuUsPer: number, detail: Record<string, unknown> }

/** Samples the server's CPU time over the measurement window. */
function cpuWindow (pid: number, warmupMs: number, durationMs: number): Promise<number> {
  return new Promise(resolve => {
    let start = 0
    setTimeout(() => { try { start = cpuMs(pid) } catch { start = NaN } }, warmupMs)
    setTimeout(() => { try { resolve(cpuMs(pid) - start) } catch { resolve(NaN) } }, durationMs)
  })
}

export async function forwarding (ctx: RunContext, port: number, serverPid: number): Promise<Throughput> {
  const p = ctx.params.forward
  const maxMs = p.durationMs + 60_000
  const sub = startChild('load/forward-subscriber.ts', { port, maxMs }, { fileLimit: ctx.fileLimit })
  const pub = startChild('load/forward-publishers.ts', { port, publishers: p.publishers, window: p.window, payloadBytes: p.payloadBytes, maxMs }, { fileLimit: ctx.fileLimit })
  try {
    await Promise.all([sub.next('ready', 30_000), pub.next('ready', 30_000)])
    const go = { type: 'go', durationMs: p.durationMs, warmupMs: p.warmupMs, maxMessages: p.maxMessages }
    const cpu = cpuWindow(serverPid, p.warmupMs, p.durationMs)
    const [got, sent] = await Promise.all([sub.ask<{ delivered: number, windowMs: number, total: number }>(go, 'result', maxMs), pub.ask<{ sent: number, acked: number }>(go, 'result', maxMs)])
    const cpuUsed = await cpu
    return { perS: got.delivered / (got.windowMs / 1000), cpuUsPer: (cpuUsed * 1000) / Math.max(1, got.delivered), detail: { delivered: got.delivered, total: got.total, sent: sent.sent, acked: sent.acked } }
  } finally {
    await Promise.all([sub.stop(), pub.stop()])
  }
}

export async function aedesForwarding (ctx: RunContext): Promise<Throughput> {
  const server = await startAedes(ctx)
  try { return await forwarding(ctx, server.port, server.pid) } finally { await server.child.stop() }
}

export async function mosquittoForwarding (ctx: RunContext): Promise<Throughput> {
  const m = await startMosquitto()
  try { return await forwarding(ctx, m.port, m.pid) } finally { await m.stop() }
}

export async function ourDeposits (ctx: RunContext, round: number): Promise<Throughput> {
  return visits(ctx, await startOurs(ctx, round === 1 ? 'deposits' : undefined))
}

/** The local PostgreSQL server the bench creates and drops its database on (trust auth on loopback, as the tests use). */
const postgresAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres'

/** The same load with `DATABASE_URL` to a fresh database on the local PostgreSQL server, dropped afterwards. */
export async function ourDepositsPostgres (ctx: RunContext): Promise<Throughput> {
  const name = `bench_${randomBytes(6).toString('hex')}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 5000 })
    await client.connect()
    try { await client.query(statement) } finally { await client.end() }
  }
  await admin(`CREATE DATABASE ${name}`)
  try {
    const url = new URL(postgresAdminUrl)
    url.pathname = `/${name}`
    await provisionFleet({ databaseUrl: url.toString() }, ctx.pepperFile, { ...ctx.fleet, count: ctx.params.deposits.kiosks })
    return await visits(ctx, await startOurs(ctx, 'deposits-postgres', url.toString()))
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
}

async function visits (ctx: RunContext, server: Server): Promise<Throughput> {
  const p = ctx.params.deposits
  const maxMs = p.durationMs + 120_000
  const load = startChild('load/kiosk-visits.ts', {
    port: server.port, fleet: fleetSlice(ctx.fleet, 0, p.kiosks),
    connectRatePerS: 2000, maxMs
  }, { fileLimit: ctx.fileLimit })
  try {
    await load.next('ready', 60_000)
    const cpu = cpuWindow(server.pid, p.warmupMs, p.durationMs)
    const r = await load.ask<{ displaysInWindow: number, windowMs: number, displays: number, denied: number, errors: number, stalled: number, visitP50Ms: number, visitP99Ms: number }>(
      { type: 'go', durationMs: p.durationMs, warmupMs: p.warmupMs, maxVisits: p.maxVisits }, 'result', maxMs)
    const cpuUsed = await cpu
    const stats = await server.child.ask<{ metrics: Record<string, unknown>, pending: number }>({ type: 'stats' }, 'stats', 30_000)
    if (r.displays === 0) throw new Error(`no deposit was credited (denied ${r.denied}, error replies ${r.errors}, stalled ${r.stalled})`)
    return {
      perS: r.displaysInWindow / (r.windowMs / 1000),
      cpuUsPer: (cpuUsed * 1000) / Math.max(1, r.displaysInWindow),
      detail: { displays: r.displays, denied: r.denied, errorReplies: r.errors, stalled: r.stalled, visitP50Ms: r.visitP50Ms, visitP99Ms: r.visitP99Ms, depositsCreditedByBackend: stats.metrics.depositsCredited, eventsAccepted: stats.metrics.eventsAccepted }
    }
  } finally {
    await load.stop()
    await server.child.stop()
  }
}
