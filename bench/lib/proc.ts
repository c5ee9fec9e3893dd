// The parent side: starts bench children as separate node processes
// (`node --import tsx <file> <json>`), behind `sh -c 'ulimit -n …'` so they
// get the highest file limit the hard limit allows, and talks to them over IPC.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ParentMessage } from './child.ts'

const benchDir = fileURLToPath(new URL('..', import.meta.url))

/** The hard file limit (what children may raise their soft limit to). */
export function hardFileLimit (): number {
  const out = execFileSync('/bin/sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim()
  return out === 'unlimited' ? 1_048_576 : Number(out)
}

export interface Child {
  child: ChildProcess
  pid: number
  /** Resolves with the next message of `type` (an `error` message rejects). */
  next: <T = ParentMessage>(type: string, timeoutMs?: number) => Promise<T & ParentMessage>
  send: (message: ParentMessage) => void
  /** Asks with `request`, waits for `reply`. */
  ask: <T = ParentMessage>(request: ParentMessage, reply: string, timeoutMs?: number) => Promise<T & ParentMessage>
  exited: Promise<number | null>
  /** SIGTERM, then SIGKILL after 5 s. */
  stop: () => Promise<number | null>
}

export interface StartOptions { execArgv?: string[], fileLimit?: number }

export function startChild (file: string, options: unknown, opts: StartOptions = {}): Child {
  const script = `${benchDir}${file}`
  const limit = opts.fileLimit ?? hardFileLimit()
  const child = spawn('/bin/sh', ['-c', `ulimit -n ${limit} 2>/dev/null; exec "$@"`, 'sh',
    process.execPath, ...(opts.execArgv ?? []), '--import', 'tsx', script, JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: `${benchDir}..`
  })
  const inbox: ParentMessage[] = []
  const waiters: Array<{ type: string, resolve: (m: ParentMessage) => void, reject: (e: Error) => void }> = []
  let exitCode: number | null | undefined
  const exited = new Promise<number | null>(resolve => child.once('exit', code => {
    exitCode = code
    for (const w of waiters.splice(0)) w.reject(new Error(`${file} exited with ${String(code)} while awaited for '${w.type}'`))
    resolve(code)
  }))
  child.on('message', raw => {
    const m = raw as ParentMessage
    const i = waiters.findIndex(w => w.type === m.type || m.type === 'error')
    if (i >= 0) {
      const [w] = waiters.splice(i, 1)
      if (m.type === 'error') w?.reject(new Error(`${file}: ${String(m.message)}`))
      else w?.resolve(m)
    } else inbox.push(m)
  })
  const next = <T>(type: string, timeoutMs = 60_000) => new Promise<T & ParentMessage>((resolve, reject) => {
    const i = inbox.findIndex(m => m.type === type || m.type === 'error')
    if (i >= 0) {
      const [m] = inbox.splice(i, 1) as [ParentMessage]
      return m.type === 'error' ? reject(new Error(`${file}: ${String(m.message)}`)) : resolve(m as T & ParentMessage)
    }
    if (exitCode !== undefined) return reject(new Error(`${file} already exited with ${String(exitCode)}`))
    const timer = setTimeout(() => {
      const k = waiters.findIndex(w => w.resolve === done)
      if (k >= 0) waiters.splice(k, 1)
      reject(new Error(`${file}: no '${type}' within ${timeoutMs} ms`))
    }, timeoutMs)
    const done = (m: ParentMessage) => { clearTimeout(timer); resolve(m as T & ParentMessage) }
    waiters.push({ type, resolve: done, reject: e => { clearTimeout(timer); reject(e) } })
  })
  const send = (message: ParentMessage) => { if (child.connected) child.send(message) }
  return {
    child,
    pid: child.pid as number,
    next,
    send,
    ask: (request, reply, timeoutMs) => { const p = next(reply, timeoutMs); send(request); return p as never },
    exited,
    async stop () {
      if (exitCode !== undefined) return exitCode
      send({ type: 'stop' })
      const killer = setTimeout(() => child.kill('SIGTERM'), 10_000)
      const hard = setTimeout(() => child.kill('SIGKILL'), 15_000)
      const code = await exited
      clearTimeout(killer)
      clearTimeout(hard)
      return code
    }
  }
}

/** Resident set size of a process, bytes (Linux /proc). */
export function rssBytes (pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const m = /VmRSS:\s+(\d+) kB/.exec(status)
  return m == null ? NaN : Number(m[1]) * 1024
}

/** User + system CPU time of a process, milliseconds (Linux /proc, 100 Hz ticks). */
export function cpuMs (pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}
