// One row counting writes to sites, devices and cards (migration 0007). The
// ingest's registry cache (registry-cache.ts) is valid while the count stands.
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'

const read = prepare<Record<string, never>, { version: number | string }>(db => db.selectFrom('registry_version').select('version').where('id', '=', 1))
const bump = prepare<Record<string, never>>(db => db.updateTable('registry_version').set(eb => ({ version: eb('version', '+', 1) })).where('id', '=', 1))

export async function registryVersion (db: Executor): Promise<number> {
  return Number((await read.first(db, {}))?.version ?? 0)
}

/**
 * Call after (never before) a write to sites, devices or cards, in the same transaction where
 * there is one: a batch that reads the new version then reads rows at least as new.
 */
export async function bumpRegistryVersion (db: Executor): Promise<void> {
  await bump.run(db, {})
}
