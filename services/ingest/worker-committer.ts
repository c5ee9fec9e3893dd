// Main-thread side of the SQLite ingest worker: sends a batch, waits for its
// committed results. A worker that dies fails the batches in flight (the
// devices get no PUBACK and resend) and is started again for the next batch.
import { Worker } from 'node:worker_threads'
import type { Logger } from 'pino'
import type { DevicePublish } from '../../broker/mqtt-broker.ts'
import type { CommitBatch } from './commit-device-batch.ts'
import type { ProcessedPublish } from './device-event-processor.ts'
import type { IngestWorkerData } from './sqlite-ingest-worker.ts'

type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'closed' }
  | { kind: 'result', id: number, results: ProcessedPublish[] }
  | { kind: 'error', id: number, message: string, code?: unknown }

// The worker runs TypeScript like the rest of the process: register tsx's
// loader in the worker thread first (loader hooks of the parent are not
// always inherited, e.g. under the `tsx` CLI), then load the worker module.
const workerModule = new URL('./sqlite-ingest-worker.ts', import.meta.url).href
const workerBootstrap = `import('tsx/esm/api').then(api => { api.register(); return import(${JSON.stringify(workerModule)}) })`

export interface WorkerCommitter {
  commitBatch: CommitBatch
  /** Starts the worker now (instead of at the first batch) and resolves when it is ready. */
  warmUp: () => Promise<void>
  close: () => Promise<void>
}

/** `releaseLock`: frees the store's write lock if the worker died holding it. */
export function createWorkerCommitter (data: IngestWorkerData, log: Logger, releaseLock: () => void = () => {}): WorkerCommitter {
  const waiting = new Map<number, { resolve: (r: ProcessedPublish[]) => void, reject: (e: Error) => void }>()
  let nextId = 1
  let worker: Worker | undefined
  let ready: Promise<void> | undefined

  function start (): Promise<void> {
    const w = new Worker(workerBootstrap, { eval: true, workerData: data })
    worker = w
    ready = new Promise<void>((resolve, reject) => {
      w.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'ready') return resolve()
        if (reply.kind === 'closed') return
        const pending = waiting.get(reply.id)
        waiting.delete(reply.id)
        if (reply.kind === 'result') pending?.resolve(reply.results)
        // keep the store's error code: it tells a passing failure from one that will repeat
        else pending?.reject(Object.assign(new Error(`commit failed: ${reply.message}`), { code: reply.code }))
      })
      // an error, or an exit without one (e.g. killed by a resource limit), fails the
      // batches in flight: their devices get no PUBACK and send again
      const failAll = (err: Error) => {
        releaseLock()
        reject(err)
        for (const p of waiting.values()) p.reject(err)
        waiting.clear()
        if (worker === w) { worker = undefined; ready = undefined }
      }
      w.on('error', err => {
        log.error({ err }, 'ingest worker failed')
        failAll(err)
      })
      w.on('exit', code => { if (worker === w) failAll(new Error(`ingest worker exited with code ${code}`)) })
    })
    return ready
  }

  return {
    warmUp: () => ready ?? start(),
    async commitBatch (publishes: DevicePublish[]) {
      if (ready == null) await start()
      else await ready
      const id = nextId++
      return new Promise<ProcessedPublish[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        worker?.postMessage({ kind: 'batch', id, publishes })
      })
    },
    async close () {
      const w = worker
      if (w == null) return
      worker = undefined
      await ready?.catch(() => {})
      await new Promise<void>(resolve => {
        const timer = setTimeout(() => { void w.terminate().then(() => resolve()) }, 5000)
        w.on('message', (reply: WorkerReply) => { if (reply.kind === 'closed') { clearTimeout(timer); void w.terminate().then(() => resolve()) } })
        w.postMessage({ kind: 'close' })
      })
    }
  }
}
