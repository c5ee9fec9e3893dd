// A real InfluxDB for tests: Debian's influxd 1.6.7, started per test file in
// a temp dir on free ports and stopped in teardown, PLUS a small test-side
// HTTP front. InfluxDB 1.6.7 answers `/write` and InfluxQL `/query` but not
// the v2 `/api/v2/write` our writer uses (that came in 1.8), so the front maps
// `/api/v2/write?bucket=B&precision=P` to `/write?db=B&precision=P` — exactly
// what InfluxDB 1.8's compatibility endpoint does — and passes status codes
// and bodies through. It can also be told to fail (503, 400 …), to hang, or
// to forward a write and then withhold the answer, to simulate outages.
// Everything is read back with InfluxQL. Without influxd: skip with a reason
// on a laptop, fail under CI=true.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { inCI } from './env.ts'
import { tempDir } from './stores.ts'

interface TapLike { teardown: (fn: () => unknown) => void }

export const influxdPath = (): string | undefined => {
  const found = spawnSync('sh', ['-c', 'command -v influxd'], { encoding: 'utf8' }).stdout.trim()
  return found === '' ? undefined : found
}

/** tap `skip` option: false when influxd exists; a reason on a laptop; throws under CI (a missing server fails CI). */
export function influxSkip (): false | string {
  if (influxdPath() != null) return false
  if (inCI) throw new Error('influxd is required under CI=true (apt-get install influxdb) but was not found')
  return 'influxd not installed (apt-get install influxdb); required under CI=true'
}

async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface Influx {
  /** influxd's own HTTP API (1.x: /write, /query, /ping). */
  url: string
  query: (q: string, db?: string) => Promise<InfluxSeries[]>
  createDatabase: (db: string) => Promise<void>
  stop: () => Promise<void>
}

export interface InfluxSeries { name: string, tags?: Record<string, string>, columns: string[], values: unknown[][] }

export async function startInflux (t: TapLike): Promise<Influx> {
  const binary = influxdPath()
  if (binary == null) throw new Error('influxd not found')
  const dir = tempDir(t, 'influx-test-')
  const [httpPort, rpcPort] = [await freePort(), await freePort()]
  const configPath = join(dir, 'influxd.conf')
  writeFileSync(configPath, [
    'reporting-disabled = true',
    `bind-address = "127.0.0.1:${rpcPort}"`,
    '[meta]', `  dir = "${join(dir, 'meta')}"`, '  logging-enabled = false',
    '[data]', `  dir = "${join(dir, 'data')}"`, `  wal-dir = "${join(dir, 'wal')}"`, '  query-log-enabled = false',
    '[monitor]', '  store-enabled = false',
    '[http]', `  bind-address = "127.0.0.1:${httpPort}"`, '  log-enabled = false',
    '[continuous_queries]', '  enabled = false',
    '[logging]', '  level = "error"', ''
  ].join('\n'))
  const child: ChildProcess = spawn(binary, ['-config', configPath], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000) })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${httpPort}`
  const stop = async () => {
    if (child.exitCode == null && child.signalCode == null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
  }
  t.teardown(stop)
  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode != null) throw new Error(`influxd exited with ${child.exitCode}: ${stderr}`)
    const ok = await fetch(`${url}/ping`).then(r => r.status === 204, () => false)
    if (ok) break
    if (Date.now() > deadline) throw new Error(`influxd did not answer /ping in 20 s: ${stderr}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }

  async function query (q: string, db?: string): Promise<InfluxSeries[]> {
    const params = new URLSearchParams({ q, epoch: 'ns', ...(db != null ? { db } : {}) })
    const response = await fetch(`${url}/query`, { method: 'POST', body: params })
    const body = await response.json() as { results?: Array<{ series?: InfluxSeries[], error?: string }>, error?: string }
    const error = body.error ?? body.results?.find(r => r.error != null)?.error
    if (error != null) throw new Error(`InfluxQL ${q}: ${error}`)
    return body.results?.[0]?.series ?? []
  }
  return {
    url,
    query,
    async createDatabase (db) { await query(`CREATE DATABASE "${db}"`) },
    stop
  }
}

/** Number of points in `measurement` (InfluxQL COUNT over one field). */
export async function countPoints (influx: Influx, db: string, measurement: string, field: string, where = ''): Promise<number> {
  const series = await influx.query(`SELECT COUNT("${field}") FROM "${measurement}"${where !== '' ? ` WHERE ${where}` : ''}`, db)
  return Number(series[0]?.values[0]?.[1] ?? 0)
}

export type FrontMode =
  | { kind: 'pass' }
  /** Answer with this status (and body, Retry-After) without forwarding. */
  | { kind: 'fail', status: number, body?: string, retryAfterS?: number }
  /** Never answer (the client times out). */
  | { kind: 'hang' }
  /** Forward to InfluxDB (the points land), then never answer: a timeout after a successful write. */
  | { kind: 'forward-then-hang' }

export interface InfluxFront {
  /** Base URL for the writer (`/api/v2/write` lives here). */
  url: string
  /** Current behaviour; `times` = for that many writes, then back to pass. */
  set: (mode: FrontMode, times?: number) => void
  /** Writes seen (any outcome) and writes forwarded. */
  stats: { writes: number, forwarded: number, lines: number }
  /** Called before each write is handled (tests use it to kill a process mid-stream). */
  onWrite?: ((n: number) => void) | undefined
  /** Delay before each forwarded write, ms (keeps a shipper mid-stream). */
  delayMs: number
  close: () => Promise<void>
}

export async function startInfluxFront (t: TapLike, influx: Influx): Promise<InfluxFront> {
  let mode: FrontMode = { kind: 'pass' }
  let remaining = Infinity
  const hanging = new Set<ServerResponse>()
  const target = new URL(influx.url)

  async function forward (req: IncomingMessage, body: Buffer, res: ServerResponse | undefined): Promise<void> {
    const incoming = new URL(req.url ?? '/', 'http://front')
    const db = incoming.searchParams.get('bucket') ?? ''
    const path = `/write?db=${encodeURIComponent(db)}&precision=${encodeURIComponent(incoming.searchParams.get('precision') ?? 'ns')}`
    const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.length) }
    if (req.headers['content-encoding'] != null) headers['content-encoding'] = String(req.headers['content-encoding'])
    await new Promise<void>((resolve, reject) => {
      const upstream = httpRequest({ host: target.hostname, port: target.port, path, method: 'POST', headers }, response => {
        const chunks: Buffer[] = []
        response.on('data', (c: Buffer) => chunks.push(c))
        response.on('end', () => {
          if (res != null) {
            const pass: Record<string, string> = {}
            if (response.headers['content-type'] != null) pass['content-type'] = String(response.headers['content-type'])
            res.writeHead(response.statusCode ?? 502, pass).end(Buffer.concat(chunks))
          }
          resolve()
        })
      })
      upstream.on('error', reject)
      upstream.end(body)
    })
  }

  const front: InfluxFront = {
    url: '',
    stats: { writes: 0, forwarded: 0, lines: 0 },
    set (next, times = Infinity) { mode = next; remaining = times },
    onWrite: undefined,
    delayMs: 0,
    close: async () => {}
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks)
        if (!(req.url ?? '').startsWith('/api/v2/write')) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"not found","message":"front maps only /api/v2/write"}')
        front.stats.writes++
        front.onWrite?.(front.stats.writes)
        const current = mode
        if (--remaining <= 0) { mode = { kind: 'pass' }; remaining = Infinity }
        switch (current.kind) {
          case 'fail':
            return res.writeHead(current.status, { 'content-type': 'application/json', ...(current.retryAfterS != null ? { 'retry-after': String(current.retryAfterS) } : {}) })
              .end(current.body ?? JSON.stringify({ code: 'unavailable', message: `front told to answer ${current.status}` }))
          case 'hang':
            hanging.add(res)
            return
          case 'forward-then-hang':
            await forward(req, body, undefined)
            front.stats.forwarded++
            hanging.add(res)
            return
          case 'pass':
            if (front.delayMs > 0) await new Promise(resolve => setTimeout(resolve, front.delayMs))
            front.stats.lines += countLines(req, body)
            await forward(req, body, res)
            front.stats.forwarded++
        }
      })().catch(err => { if (!res.headersSent) res.writeHead(502).end(String(err)) })
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  front.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  front.close = async () => {
    for (const res of hanging) res.destroy()
    server.closeAllConnections()
    await new Promise<void>(resolve => server.close(() => resolve()))
  }
  t.teardown(front.close)
  return front
}

function countLines (req: IncomingMessage, body: Buffer): number {
  const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8')
  return text.split('\n').filter(l => l !== '').length
}
