// Figure 4: cold start of the embedded backend (`services/main.ts`, fresh
// SQLite file, migrations included): from spawn to the log line that carries
// both "mqtt" and "http" (devices may connect), plus the `readyInMs` that
// startBackend itself logs. The environment is built from these values and
// passed with /usr/bin/env, inheriting the rest.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { RunContext } from '../lib/context.ts'

export interface ColdStart { toListeningMs: number, readyInMs: number }

let n = 0

export async function coldStart (ctx: RunContext): Promise<ColdStart> {
  const sqlite = join(ctx.tmp, `cold-${++n}.db`)
  const vars = { MQTT_PORT: '0', HTTP_PORT: '0', MQTT_HOST: '127.0.0.1', HTTP_HOST: '127.0.0.1', SQLITE_PATH: sqlite, LOG_LEVEL: 'info', NODE_ENV: 'production' }
  const started = performance.now()
  const child = spawn('/usr/bin/env', [...Object.entries(vars).map(([k, v]) => `${k}=${v}`), process.execPath, '--import', 'tsx', 'services/main.ts'], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  try {
    return await new Promise<ColdStart>((resolve, reject) => {
      let readyInMs = NaN
      const timer = setTimeout(() => reject(new Error('services/main.ts was not ready within 30 s')), 30_000)
      child.once('exit', code => { clearTimeout(timer); reject(new Error(`services/main.ts exited with ${String(code)} before it was ready`)) })
      createInterface({ input: child.stdout }).on('line', line => {
        let entry: { mqtt?: unknown, http?: unknown, readyInMs?: unknown, msg?: unknown }
        try { entry = JSON.parse(line) as typeof entry } catch { return }
        if (typeof entry.readyInMs === 'number') readyInMs = entry.readyInMs
        if (entry.mqtt != null && entry.http != null) {
          clearTimeout(timer)
          resolve({ toListeningMs: performance.now() - started, readyInMs })
        }
      })
    })
  } finally {
    child.kill('SIGTERM')
    const t = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(t)
  }
}
