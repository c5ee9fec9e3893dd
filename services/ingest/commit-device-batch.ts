// One batch of device publishes → one transaction: every publish processed in
// order, telemetry appended once per batch, all committed together (one fsync).
// Runs on the main thread (PostgreSQL) or in the SQLite ingest worker.
// Registry rows (devices, sites, cards) are cached across batches; each batch
// checks the registry version first (services/devices/registry-cache.ts).
import type { Kysely } from 'kysely'
import type { DevicePublish } from '../../broker/mqtt-broker.ts'
import { createRegistryCache } from '../devices/registry-cache.ts'
import type { Database } from '../store/database.ts'
import type { TelemetrySink } from '../telemetry/outbox.ts'
import { processDevicePublish, type ProcessedPublish, type ProcessorSettings } from './device-event-processor.ts'

export type CommitBatch = (publishes: DevicePublish[]) => Promise<ProcessedPublish[]>

export function createBatchCommitter (db: Kysely<Database>, settings: ProcessorSettings, telemetry: TelemetrySink | undefined): CommitBatch {
  const registryCache = createRegistryCache()
  return publishes => db.transaction().execute(async trx => {
    const registry = await registryCache.forBatch(trx)
    const results: ProcessedPublish[] = []
    for (const publish of publishes) results.push(await processDevicePublish(trx, publish, settings, registry, telemetry != null))
    // telemetry: one multi-row append per batch, durable with the events that produced it
    if (telemetry != null) await telemetry.append(trx, results.flatMap(r => r.telemetry ?? []), Date.now())
    return results
  })
}
