// A site's allow-list in the store: built from the cards, schedules,
// holidays, pass keys and revoked passes (buildAllowList), kept as numbered
// snapshots so that a delta can be made from the version a gate holds. A new
// version is made only when the content changed; the last KEEP_VERSIONS stay
// (a gate further behind gets the full list).
import type { AllowList } from '../../schemas/gate.ts'
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'
import { buildAllowList, type AllowListCard } from './allow-list.ts'
import { gateSite, schedulesOf } from './gate-repository.ts'
import { passKeysOf } from './pass-repository.ts'

const KEEP_VERSIONS = 20

async function cardsOfSite (db: Executor, siteId: string): Promise<AllowListCard[]> {
  const rows = await db.selectFrom('cards')
    .leftJoin('households', 'households.id', 'cards.household_id')
    .leftJoin('card_schedules', 'card_schedules.card_uid', 'cards.uid')
    .select(['cards.uid', 'cards.site_id', 'cards.status', 'cards.household_id', 'households.status as household_status', 'card_schedules.schedule_id'])
    .where('cards.site_id', '=', siteId).execute()
  return rows.map(r => ({ uid: r.uid, siteId: r.site_id, status: r.status, householdId: r.household_id, householdActive: r.household_status === 'active', scheduleId: r.schedule_id }))
}

/**
 * Snapshots parsed in this process (a few hundred KiB of JSON each): a stored version never
 * changes, so 1,000 gates acknowledging one version read its text once. Keyed with the row's
 * creation time as well, so a site id and version of another store open in the same process
 * (tests, the CLI) is another entry. The lists are shared: callers never change them.
 */
const parsedSnapshots = new Map<string, AllowList>()
interface Snapshot { list: AllowList, createdAtMs: number }
const PARSED_KEPT = 16

export async function snapshotOf (db: Executor, siteId: string, version: number): Promise<AllowList | undefined> {
  return (await storedSnapshot(db, siteId, version))?.list
}

/** A stored snapshot with its creation time (with the site and version, what names its content). */
async function storedSnapshot (db: Executor, siteId: string, version: number): Promise<Snapshot | undefined> {
  const stamp = await db.selectFrom('allow_list_snapshots').select('created_at_ms').where('site_id', '=', siteId).where('version', '=', version).executeTakeFirst()
  if (stamp == null) return undefined
  const createdAtMs = Number(stamp.created_at_ms)
  const key = `${siteId}:${version}:${createdAtMs}`
  const known = parsedSnapshots.get(key)
  if (known != null) return { list: known, createdAtMs }
  const row = await db.selectFrom('allow_list_snapshots').select('list').where('site_id', '=', siteId).where('version', '=', version).executeTakeFirst()
  if (row == null) return undefined
  const list = JSON.parse(row.list) as AllowList
  if (parsedSnapshots.size >= PARSED_KEPT) parsedSnapshots.delete(parsedSnapshots.keys().next().value as string)
  parsedSnapshots.set(key, list)
  return { list, createdAtMs }
}

/** The site's current list version (0: none made yet), without reading the list. */
export async function siteListVersion (db: Executor, siteId: string): Promise<number> {
  return (await db.selectFrom('gate_sites').select('allow_list_version').where('site_id', '=', siteId).executeTakeFirst())?.allow_list_version ?? 0
}

/**
 * Locks the site's gate row for this transaction (a no-op update; SQLite's one writer already
 * serialises): whoever makes a new list version holds it until commit, so a reader after this
 * sees every version made before it.
 */
export async function lockListVersion (db: Executor, siteId: string): Promise<void> {
  await db.updateTable('gate_sites').set(eb => ({ allow_list_version: eb.ref('allow_list_version') })).where('site_id', '=', siteId).execute()
}

const sameContent = (a: AllowList, b: AllowList) => JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 })

/** The site's list as the store stands now: the latest snapshot, or a new version when anything changed. */
export async function currentAllowList (db: Executor, siteId: string, nowMs = Date.now()): Promise<AllowList> {
  return (await currentSnapshot(db, siteId, nowMs)).list
}

async function currentSnapshot (db: Executor, siteId: string, nowMs: number): Promise<Snapshot> {
  const settings = await gateSite(db, siteId, nowMs)
  const site = await db.selectFrom('sites').select('timezone').where('id', '=', siteId).executeTakeFirstOrThrow()
  const revoked = await db.selectFrom('visitor_passes').select(['id', 'valid_until_ms']).where('site_id', '=', siteId).where('revoked_at_ms', 'is not', null).execute()
  const latest = settings.allowListVersion > 0 ? await storedSnapshot(db, siteId, settings.allowListVersion) : undefined
  const list = buildAllowList({
    siteId,
    version: settings.allowListVersion + 1,
    timeZone: site.timezone,
    salt: settings.salt,
    holidays: settings.holidays,
    schedules: await schedulesOf(db, siteId),
    cards: await cardsOfSite(db, siteId),
    passKeys: await passKeysOf(db, siteId),
    revokedPasses: revoked.map(r => ({ passId: r.id, validUntilMs: r.valid_until_ms })),
    nowMs
  })
  if (latest != null && sameContent(latest.list, list)) return latest
  // two writers (the sync round and a connecting gate; two nodes) may make the same version at once:
  // the second one takes the first one's snapshot (made from the same committed state or a newer one)
  const inserted = await db.insertInto('allow_list_snapshots').values({ site_id: siteId, version: list.version, list: JSON.stringify(list), created_at_ms: nowMs })
    .onConflict(oc => oc.columns(['site_id', 'version']).doNothing()).executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return (await storedSnapshot(db, siteId, list.version)) ?? { list, createdAtMs: nowMs }
  await db.updateTable('gate_sites').set({ allow_list_version: list.version, updated_at_ms: nowMs }).where('site_id', '=', siteId).execute()
  await db.deleteFrom('allow_list_snapshots').where('site_id', '=', siteId).where('version', '<=', list.version - KEEP_VERSIONS).execute()
  return { list, createdAtMs: nowMs }
}

/** The latest snapshot without rebuilding (an ack that asks for the full list). */
export async function latestAllowList (db: Executor, siteId: string, nowMs = Date.now()): Promise<AllowList> {
  const settings = await gateSite(db, siteId, nowMs)
  return (settings.allowListVersion > 0 ? await snapshotOf(db, siteId, settings.allowListVersion) : undefined) ?? currentAllowList(db, siteId, nowMs)
}

/** The current list of a site, rebuilt only when the registry version moved since it was last made. */
export type AllowListSource = (db: Executor, siteId: string, nowMs: number) => Promise<AllowList>

/**
 * What the store says now, in one statement: the registry version, and the site's list version
 * with its snapshot's creation time. In PostgreSQL's READ COMMITTED another transaction's
 * version is seen once it committed; SQLite's one writer has ended any other transaction.
 */
const storeStamp = prepare<{ siteId: string }, { registry: number | string, version: number | null, created_at_ms: number | string | null }>((db, p) => db
  .selectFrom('registry_version')
  .leftJoin('gate_sites', join => join.on('gate_sites.site_id', '=', p.siteId))
  .leftJoin('allow_list_snapshots', join => join.onRef('allow_list_snapshots.site_id', '=', 'gate_sites.site_id').onRef('allow_list_snapshots.version', '=', 'gate_sites.allow_list_version'))
  .select(['registry_version.version as registry', 'gate_sites.allow_list_version as version', 'allow_list_snapshots.created_at_ms'])
  .where('registry_version.id', '=', 1))

/**
 * A backend's memory of the lists it made: a reconnect storm (1,000 gates of a
 * site at once) reads one row per gate instead of rebuilding the list (6,000
 * card hashes) for each. Every write that changes a list moves the registry
 * version (gate-repository.ts, card and device registries), so a list made at
 * the current version is current.
 *
 * A list is made inside the caller's transaction, which may still roll back (a
 * deadlock victim retried, any error): remembered then, it would name a version
 * the store never kept, gates would acknowledge it, and the store would later
 * make another content under the same number. So the memory is only used while
 * the store agrees with it: the same registry version, and the site's list
 * version and its snapshot's creation time are the remembered list's (the
 * caller's own transaction sees its own snapshot; any other sees it only once
 * committed). Same site, version and creation time with the same registry
 * version means the same inputs at the same time, so the same content.
 */
export function createAllowListSource (): AllowListSource {
  const made = new Map<string, { registryVersion: number, createdAtMs: number, list: AllowList }>()
  return async (db, siteId, nowMs) => {
    const stamp = await storeStamp.first(db, { siteId })
    const registry = Number(stamp?.registry ?? 0)
    const hit = made.get(siteId)
    if (hit != null && hit.registryVersion === registry && hit.list.version === stamp?.version && hit.createdAtMs === Number(stamp.created_at_ms)) return hit.list
    const { list, createdAtMs } = await currentSnapshot(db, siteId, nowMs)
    if (made.size >= 10_000) made.clear()
    made.set(siteId, { registryVersion: registry, createdAtMs, list })
    return list
  }
}
