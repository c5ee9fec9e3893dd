// Second reference: Debian's Mosquitto on its own port with its own config in
// a temp dir (never the system instance). `max_queued_messages 0` lifts the
// default queue limit, which otherwise drops QoS 1 messages under load.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'

export const MOSQUITTO = '/usr/sbin/mosquitto'

export function mosquittoVersion (): string | null {
  if (!existsSync(MOSQUITTO)) return null
  try {
    const out = execFileSync(MOSQUITTO, ['-h'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    return /version (\S+)/.exec(out)?.[1] ?? 'unknown'
  } catch (err) {
    const out = String((err as { stdout?: unknown }).stdout ?? '')
    return /version (\S+)/.exec(out)?.[1] ?? 'unknown'
  }
}

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

function canConnect (port: number): Promise<boolean> {
  return new Promise(resolve => {
    const s = connect({ port, host: '127.0.0.1' })
    s.once('connect', () => { s.destroy(); resolve(true) })
    s.once('error', () => resolve(false))
  })
}

export interface Mosquitto { port: number, pid: number, stop: () => Promise<void> }

export async function startMosquitto (): Promise<Mosquitto> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-mosquitto-'))
  const port = await freePort()
  const conf = join(dir, 'mosquitto.conf')
  writeFileSync(conf, [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    'max_queued_messages 0',
    'persistence false',
    'user root',
    'log_dest none',
    ''
  ].join('\n'))
  const child: ChildProcess = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'ignore'] }) // its only stderr line: the root warning
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  let up = false
  for (let i = 0; i < 100 && !up; i++) {
    if (child.exitCode != null) break
    up = await canConnect(port)
    if (!up) await new Promise(resolve => setTimeout(resolve, 50))
  }
  if (!up) {
    child.kill('SIGKILL')
    throw new Error(`mosquitto did not listen on ${port}`)
  }
  return {
    port,
    pid: child.pid as number,
    async stop () {
      child.kill('SIGTERM')
      const t = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(t)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
