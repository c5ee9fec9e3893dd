// Wires the broker's publish hook to the store: group commit of device
// publishes, then delivery of the commands and error replies they caused,
// and re-delivery of pending commands and error replies when a device
// subscribes again.
import type { Logger } from 'pino'
import type { DevicePublish } from '../../broker/mqtt-broker.ts'
import { commandMessage, pendingCommands, type OutgoingMessage } from '../devices/command-delivery.ts'
import type { Metrics } from '../metrics.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.ts'
import { createGroupCommit } from './group-commit.ts'
import type { ProcessedPublish, ProcessorSettings } from './device-event-processor.ts'
import { createBatchCommitter, type CommitBatch } from './commit-device-batch.ts'
import type { TelemetrySink } from '../telemetry/outbox.ts'
import { pendingErrorReplies, storeRejected } from './dead-letter-store.ts'
import { isTransientStoreError } from './store-errors.ts'

export interface DeviceIngestOptions {
  db: Kysely<Database>
  log: Logger
  metrics: Metrics
  settings: ProcessorSettings
  maxBatch: number
  /** Most publishes waiting for a commit; the broker holds further ones (back-pressure). Default unbounded. */
  maxQueue?: number | undefined
  /** Writes to the device's connection; false when it is not connected to this node. */
  send: (message: OutgoingMessage) => boolean
  /** Telemetry outbox: points are appended in the batch transaction. Unset = telemetry off (no rows). */
  telemetry?: TelemetrySink | undefined
  /** Runs the batch transactions elsewhere (the SQLite ingest worker); default: on this thread. */
  commitBatch?: CommitBatch | undefined
  /** Batches handed over at once (2 keeps a worker busy while the main thread collects the next). */
  maxInFlight?: number | undefined
}

export interface DeviceIngest {
  onDevicePublish: (publish: DevicePublish) => Promise<void>
  /** Sends the device everything pending again (commands and error replies) but `except` (payloads just written to it); resolves with what it sent. */
  resendPending: (deviceId: string, except?: ReadonlySet<string>) => Promise<OutgoingMessage[]>
  drain: () => Promise<void>
  pending: () => number
  /** The bounded queue, for the broker's back-pressure (broker/publish-admission.ts). */
  queue: IngestQueue
}

export interface IngestQueue {
  hasRoom: () => boolean
  onRoom: (listener: () => void) => void
  /** Queue depth now, its bound and its high-water mark, for /health. */
  stats: () => { depth: number, max: number | null, peak: number }
}

export function createDeviceIngest (options: DeviceIngestOptions): DeviceIngest {
  const { db, log, metrics, settings } = options

  const groupCommit = createGroupCommit<DevicePublish, ProcessedPublish>({
    maxBatch: options.maxBatch,
    maxQueued: options.maxQueue,
    maxInFlight: options.maxInFlight ?? 1,
    commitBatch: options.commitBatch ?? createBatchCommitter(db, settings, options.telemetry),
    onPersistentFailure: async (publish, err) => {
      // the store is down or busy: no PUBACK, the device sends again later
      if (isTransientStoreError(err)) throw err
      // the store keeps refusing this one event: keep it for staff instead of blocking the device
      log.error({ err, deviceId: publish.deviceId, topic: publish.topic }, 'event refused by the store after retries: dead-lettered')
      return storeRejected(db, publish, err)
    }
  })

  function count (processed: ProcessedPublish, publish: DevicePublish): void {
    switch (processed.result) {
      case 'applied': metrics.eventsAccepted++; break
      case 'replayed': metrics.eventsReplayed++; break
      case 'dead-lettered': {
        const code = processed.deadLetterCode ?? 'UNKNOWN'
        metrics.deadLettered[code] = (metrics.deadLettered[code] ?? 0) + 1
        log.info({ deviceId: publish.deviceId, topic: publish.topic, code }, 'event dead-lettered')
        break
      }
      case 'status': break
    }
    if (processed.pointsCredited != null && processed.pointsCredited > 0) { metrics.pointsCredited += processed.pointsCredited; metrics.depositsCredited++ }
    if (processed.toReview === true) metrics.depositsToReview++
    if (processed.commandAcked === true) metrics.commandsAcked++
  }

  function deliver (messages: OutgoingMessage[]): void {
    for (const message of messages) {
      if (options.send(message)) metrics.commandsSent++
    }
  }

  return {
    async onDevicePublish (publish) {
      const processed = await groupCommit.submit(publish)
      count(processed, publish)
      // committed: the PUBACK follows when this resolves; replies go straight to the device
      deliver(processed.outgoing)
    },
    async resendPending (deviceId, except = new Set()) {
      const nowMs = Date.now()
      const commands = await pendingCommands(db, deviceId, nowMs)
      const errorReplies = await pendingErrorReplies(db, deviceId, nowMs)
      const messages = [...commands.map(c => commandMessage(deviceId, c)), ...errorReplies].filter(m => !except.has(m.payload))
      deliver(messages)
      if (messages.length > 0) log.debug({ deviceId, commands: commands.length, errorReplies: errorReplies.length }, 'pending commands and error replies re-sent')
      return messages
    },
    drain: () => groupCommit.drain(),
    pending: () => groupCommit.pending(),
    queue: {
      hasRoom: () => groupCommit.hasRoom(),
      onRoom: listener => { groupCommit.onRoom(listener) },
      stats: () => ({ depth: groupCommit.pending(), max: options.maxQueue ?? null, peak: groupCommit.peak() })
    }
  }
}
