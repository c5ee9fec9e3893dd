// The backend as a separate process (`services/main.ts`), so a test can kill
// it with SIGKILL the way a power cut would.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface BackendProcess { child: ChildProcess, mqttUrl: string, httpUrl: string, kill: () => Promise<void>, stop: () => Promise<void> }

export async function spawnBackend (env: Record<string, string>): Promise<BackendProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/main.ts'], {
    env: { ...process.env, MQTT_PORT: '0', HTTP_PORT: '0', MQTT_HOST: '127.0.0.1', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const urls = await new Promise<{ mqtt: string, http: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('backend did not start in 60 s')), 60_000)
    child.once('exit', code => reject(new Error(`backend exited with ${String(code)}`)))
    createInterface({ input: child.stdout! }).on('line', line => {
      try {
        const entry = JSON.parse(line) as { mqtt?: string, http?: string }
        if (entry.mqtt != null && entry.http != null) { clearTimeout(timer); resolve({ mqtt: entry.mqtt, http: entry.http }) }
      } catch { /* not a JSON log line */ }
    })
  })
  return {
    child,
    mqttUrl: urls.mqtt,
    httpUrl: urls.http,
    async kill () { child.kill('SIGKILL'); await exited },
    async stop () { child.kill('SIGTERM'); await exited }
  }
}
