// Worker thread that owns the ingest's SQLite connection: it runs the batch
// transactions, so the fsync of every commit (and WAL checkpoints) happen off
// the broker's event loop. The main thread keeps sockets, MQTT and HTTP.
import { parentPort, workerData } from 'node:worker_threads'
import type { DevicePublish } from '../../broker/mqtt-broker.ts'
import { openStore } from '../store/open-database.ts'
import { adoptWriteLock } from '../store/sqlite-write-lock.ts'
import { createOutboxSink } from '../telemetry/outbox.ts'
import { createBatchCommitter } from './commit-device-batch.ts'
import type { ProcessedPublish, ProcessorSettings } from './device-event-processor.ts'

export interface IngestWorkerData {
  sqlitePath: string
  settings: ProcessorSettings
  telemetry: boolean
  /** The store file's write lock, shared with the main thread (services/store/sqlite-write-lock.ts). */
  writeLock: SharedArrayBuffer
  /**
   * Test hook, unset (off) in production: the worker exits right after committing the batch that
   * applied the event with this eventId, before replying, as a worker that dies between commit and
   * reply would (test/e2e/command-redelivery.test.ts).
   */
  testExitAfterApplying?: string | undefined
}
export type IngestWorkerRequest = { kind: 'batch', id: number, publishes: DevicePublish[] } | { kind: 'close' }

const data = workerData as IngestWorkerData
const port = parentPort
if (port == null) throw new Error('sqlite-ingest-worker must run as a worker thread')

adoptWriteLock(data.sqlitePath, data.writeLock)
const store = await openStore({ SQLITE_PATH: data.sqlitePath })
const commitBatch = createBatchCommitter(store.db, data.settings, data.telemetry ? createOutboxSink() : undefined)

const testExitAfterApplying = data.testExitAfterApplying
function appliedTestExitEvent (publishes: DevicePublish[], results: ProcessedPublish[]): boolean {
  return results.some((r, i) => r.result === 'applied' && publishes[i]!.payload.includes(`"eventId":"${testExitAfterApplying}"`))
}

port.on('message', (request: IngestWorkerRequest) => {
  if (request.kind === 'close') {
    store.close().then(() => port.postMessage({ kind: 'closed' }), () => port.postMessage({ kind: 'closed' }))
    return
  }
  // structured clone turns Buffers into Uint8Arrays: give the processor Buffers back
  const publishes = request.publishes.map(p => ({ ...p, payload: Buffer.from(p.payload.buffer, p.payload.byteOffset, p.payload.byteLength) }))
  commitBatch(publishes).then(
    results => {
      if (testExitAfterApplying != null && appliedTestExitEvent(publishes, results)) process.exit(70)
      port.postMessage({ kind: 'result', id: request.id, results })
    },
    (err: unknown) => port.postMessage({ kind: 'error', id: request.id, message: err instanceof Error ? err.message : String(err), code: (err as { code?: unknown } | null)?.code })
  )
})
port.postMessage({ kind: 'ready' })
