// One batch of device publishes → one transaction: every publish processed in
// order, telemetry appended once per batch, all committed together (one fsync).
// Runs on the main thread (PostgreSQL) or in the SQLite ingest worker.
// Registry rows (devices, sites, cards) are cached across batches; each batch
// checks the registry version first (services/devices/registry-cache.ts).
//
// On PostgreSQL a batch is split by device into partitions committed
// concurrently, each in its own transaction: every statement is a round trip
// there, and one connection would leave the server idle. A device's events
// all land in one partition, in order, and batches follow one another, so no
// device's events ever run in two transactions at once.
import { PostgresAdapter, type Kysely } from 'kysely'
import type { DevicePublish } from '../../broker/mqtt-broker.ts'
import { createRegistryCache } from '../devices/registry-cache.ts'
import type { Database } from '../store/database.ts'
import type { TelemetrySink } from '../telemetry/outbox.ts'
import { processDevicePublish, type ProcessedPublish, type ProcessorSettings } from './device-event-processor.ts'
import { partitionByDevice, retryOnDeadlock } from './partitions.ts'

export type CommitBatch = (publishes: DevicePublish[]) => Promise<ProcessedPublish[]>

/** Concurrent transactions per batch on PostgreSQL (SQLite has one writer: always 1); the pool has 10 connections, so 4 stay for HTTP, presence and the telemetry shipper. */
export const POSTGRES_PARTITIONS = 6

export function createBatchCommitter (db: Kysely<Database>, settings: ProcessorSettings, telemetry: TelemetrySink | undefined, partitions = defaultPartitions(db)): CommitBatch {
  const registryCache = createRegistryCache()
  const commitOne: CommitBatch = publishes => db.transaction().execute(async trx => {
    const registry = await registryCache.forBatch(trx)
    const results: ProcessedPublish[] = []
    for (const publish of publishes) results.push(await processDevicePublish(trx, publish, settings, registry, telemetry != null))
    // telemetry: one multi-row append per batch, durable with the events that produced it
    if (telemetry != null) await telemetry.append(trx, results.flatMap(r => r.telemetry ?? []), Date.now())
    return results
  })
  if (partitions <= 1) return commitOne

  return async publishes => {
    const groups = partitionByDevice(publishes, partitions)
    // every partition runs to its end before the batch answers; a failed one fails the batch
    // (the group commit then retries its items one by one; committed ones come back as replays)
    const settled = await Promise.allSettled(groups.map(group => retryOnDeadlock(() => commitOne(group.map(i => publishes[i]!)))))
    const results: ProcessedPublish[] = new Array(publishes.length)
    settled.forEach((outcome, g) => {
      if (outcome.status === 'rejected') throw outcome.reason
      groups[g]!.forEach((index, k) => { results[index] = outcome.value[k]! })
    })
    return results
  }
}

function defaultPartitions (db: Kysely<Database>): number {
  return db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES_PARTITIONS : 1
}
