// Device, site and card rows, cached across ingest batches. Registry writes
// happen elsewhere (HTTP and CLI on the main thread or in another process,
// another node on PostgreSQL) while batches run in the ingest worker, so every
// write bumps one version row in the store (registry-version.ts) and each
// batch reads it first: a moved version drops the cache, and a card blocked
// before a swipe's batch started is denied. Households are not cached: their
// balance moves with every credit. Domains cache their own registry-like rows
// (a gate's settings, a site's holidays, a card's schedule) in `memo`.
import type { Card, Device, Site } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'
import { siteWithRates, type SiteWithRates } from '../sites/site-registry.ts'
import { registryVersion } from './registry-version.ts'

/** What one batch reads the registry through. */
export interface RegistryView {
  device: (deviceId: string) => Promise<Device | undefined>
  site: (siteId: string) => Promise<SiteWithRates | undefined>
  card: (uid: string) => Promise<Card | undefined>
  /**
   * A domain's own registry-like read (a gate's settings, a site's holidays), cached like the
   * rows above: only for data whose every write bumps the registry version. Keys name their
   * domain (`gate-settings:{deviceId}`); the value must not be changed by the caller.
   */
  memo: <V>(key: string, read: () => Promise<V>) => Promise<V>
}

export interface RegistryCache {
  /** Checks the version (one statement) and returns the view for this batch's transaction. */
  forBatch: (db: Executor) => Promise<RegistryView>
}

/** Entries per map before it is emptied: bounds memory against swipes of random card numbers. */
const MAX_ENTRIES = 100_000

const readDevice = prepare<{ id: string }, Device>((db, p) => db.selectFrom('devices').selectAll().where('id', '=', p.id))
const readSite = prepare<{ id: string }, Site>((db, p) => db.selectFrom('sites').selectAll().where('id', '=', p.id))
const readCard = prepare<{ uid: string }, Card>((db, p) => db.selectFrom('cards').selectAll().where('uid', '=', p.uid))

interface Generation {
  version: number
  devices: Map<string, Device | undefined>
  sites: Map<string, SiteWithRates | undefined>
  cards: Map<string, Card | undefined>
  memos: Map<string, unknown>
}

const generation = (version: number): Generation => ({ version, devices: new Map(), sites: new Map(), cards: new Map(), memos: new Map() })

async function cached<V> (map: Map<string, V | undefined>, key: string, read: () => Promise<V | undefined>): Promise<V | undefined> {
  if (map.has(key)) return map.get(key)
  const value = await read()
  if (map.size >= MAX_ENTRIES) map.clear()
  map.set(key, value)
  return value
}

export function createRegistryCache (): RegistryCache {
  let current = generation(-1)
  return {
    async forBatch (db) {
      const version = await registryVersion(db)
      if (version > current.version) current = generation(version)
      // A batch that read an older version than a concurrent one (PostgreSQL) reads for itself: what it
      // reads must not land in the newer generation. Each batch fills the generation it started with.
      return viewOf(version === current.version ? current : generation(version), db)
    }
  }
}

/** A view that remembers only what it read itself: for handlers run outside a batch (and tests). */
export function registryView (db: Executor): RegistryView {
  return viewOf(generation(-1), db)
}

function viewOf (gen: Generation, db: Executor): RegistryView {
  return {
    device: id => cached(gen.devices, id, () => readDevice.first(db, { id })),
    site: id => cached(gen.sites, id, async () => { const row = await readSite.first(db, { id }); return row == null ? undefined : siteWithRates(row) }),
    card: uid => cached(gen.cards, uid, () => readCard.first(db, { uid })),
    memo: async <V>(key: string, read: () => Promise<V>) => await cached(gen.memos, key, read) as V
  }
}
