// The child side of the harness: options arrive as one JSON argument,
// messages go to the parent over IPC, and a watchdog ends the process if the
// parent goes away or the job overruns, so no load generator outlives a run.
export interface ParentMessage { type: string, [key: string]: unknown }

export function childOptions<T> (): T {
  const raw = process.argv[2]
  if (raw == null) throw new Error('bench child: missing JSON options argument')
  return JSON.parse(raw) as T
}

export function toParent (message: ParentMessage): void {
  process.send?.(message)
}

export function onParent (handler: (message: ParentMessage) => void | Promise<void>): void {
  process.on('message', message => {
    Promise.resolve(handler(message as ParentMessage)).catch((err: unknown) => fail(err))
  })
  process.on('disconnect', () => process.exit(0)) // the orchestrator is gone
}

/** Exits with code 3 after `ms` whatever happens (bounded in time). */
export function watchdog (ms: number): void {
  process.on('disconnect', () => process.exit(0)) // the orchestrator is gone, even mid-setup
  setTimeout(() => {
    console.error(`bench child ${process.argv[1] ?? ''}: watchdog after ${ms} ms`)
    process.exit(3)
  }, ms)
}

export function fail (err: unknown): never {
  console.error('bench child failed:', err)
  toParent({ type: 'error', message: err instanceof Error ? err.message : String(err) })
  process.exit(1)
}

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))
