// Starting the servers a figure measures: bare Aedes, the backend on a fresh
// copy of the provisioned SQLite file, Mosquitto.
import { join } from 'node:path'
import type { RunContext } from '../lib/context.ts'
import { startChild, type Child } from '../lib/proc.ts'
import { freshCopy } from '../setup/provision.ts'

export interface Server { port: number, pid: number, child: Child, /** ours only: the staff HTTP API */ httpUrl?: string }

let copies = 0

export async function startAedes (ctx: RunContext): Promise<Server> {
  const child = startChild('servers/aedes-server.ts', { maxMs: 10 * 60_000 }, { fileLimit: ctx.fileLimit, execArgv: ['--expose-gc'] })
  const ready = await child.next<{ port: number }>('ready', 30_000)
  return { port: ready.port, pid: child.pid, child }
}

/** On a fresh copy of the provisioned SQLite file, or on the PostgreSQL database `databaseUrl`. */
export async function startOurs (ctx: RunContext, profileName?: string, databaseUrl?: string): Promise<Server> {
  const sqlitePath = databaseUrl != null ? '' : freshCopy(ctx.template, join(ctx.tmp, `round-${++copies}.db`))
  const execArgv = ['--expose-gc']
  if (ctx.profileDir != null && profileName != null) execArgv.push('--cpu-prof', '--cpu-prof-dir', join(ctx.profileDir, profileName)) // one file per thread (tsx runs a loader thread); the largest is the main thread
  const child = startChild('servers/backend-server.ts', { sqlitePath, databaseUrl, pepperFile: ctx.pepperFile, maxMs: 10 * 60_000 }, { fileLimit: ctx.fileLimit, execArgv })
  const ready = await child.next<{ port: number, httpUrl: string }>('ready', 60_000)
  return { port: ready.port, pid: child.pid, child, httpUrl: ready.httpUrl }
}

/** Runs `measure` against a server just started for it, and stops the server afterwards. */
export async function withServer<T> (starting: Promise<Server>, measure: (server: Server) => Promise<T>): Promise<T> {
  const server = await starting
  try { return await measure(server) } finally { await server.child.stop() }
}
