// The gate domain's settings and anti-passback state in the store: a gate's
// directions, zone and release time; zones and their rule; a site's holidays
// and card-hash salt; schedules and which card has which; the last passage
// of a card per zone. The reads on the access path are precompiled
// (services/store/prepared.ts): they run for every swipe at a gate.
import { randomBytes } from 'node:crypto'
import { accessScheduleSchema, directionSchema, holidaysSchema, type AccessSchedule, type Direction } from '../../schemas/gate.ts'
import { bumpRegistryVersion } from '../devices/registry-version.ts'
import { DomainError } from '../errors.ts'
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'
import type { AntiPassbackRule, LastPassage } from './anti-passback.ts'
import { assertRoomForSchedule } from './list-room.ts'
import type { AntiPassbackMode, GateRow } from './tables.ts'

/** A gate without settings serves both directions, in no zone, and releases its lock for 5 s. */
export const DEFAULT_RELEASE_MS = 5000

export interface GateSettings {
  directions: Direction[]
  zone: { id: string, antiPassback: AntiPassbackRule }
  releaseMs: number
}

const NO_ZONE = { id: '', antiPassback: { mode: 'off', resetAfterMs: null } } as const

const gateRow = prepare<{ id: string }, GateRow>((db, p) => db.selectFrom('gates').selectAll().where('device_id', '=', p.id))
const zoneRow = prepare<{ id: string }, { anti_passback: AntiPassbackMode, reset_after_ms: number | string | null }>((db, p) => db.selectFrom('gate_zones')
  .select(['anti_passback', 'reset_after_ms']).where('id', '=', p.id))
const holidaysRow = prepare<{ siteId: string }, { holidays: string }>((db, p) => db.selectFrom('gate_sites').select('holidays').where('site_id', '=', p.siteId))
const cardSchedule = prepare<{ uid: string, siteId: string }, { body: string }>((db, p) => db.selectFrom('card_schedules')
  .innerJoin('access_schedules', join => join.onRef('access_schedules.id', '=', 'card_schedules.schedule_id'))
  .select('access_schedules.body').where('card_schedules.card_uid', '=', p.uid).where('access_schedules.site_id', '=', p.siteId))
const passageRow = prepare<{ zoneId: string, uid: string }, { direction: Direction, at_ms: number | string }>((db, p) => db.selectFrom('gate_passages')
  .select(['direction', 'at_ms']).where('zone_id', '=', p.zoneId).where('card_uid', '=', p.uid))
const upsertPassage = prepare<{ zoneId: string, uid: string, direction: Direction, atMs: number }>((db, p) => db.insertInto('gate_passages')
  .values({ zone_id: p.zoneId, card_uid: p.uid, direction: p.direction, at_ms: p.atMs })
  // a replayed offline passage older than the one known does not move the state back
  .onConflict(oc => oc.columns(['zone_id', 'card_uid']).doUpdateSet(eb => ({ direction: eb.ref('excluded.direction'), at_ms: eb.ref('excluded.at_ms') }))
    .where('gate_passages.at_ms', '<', p.atMs)))

const claimRow = prepare<{ zoneId: string, uid: string, direction: Direction, atMs: number, resetBeforeMs: number }>((db, p) => db.insertInto('gate_passages')
  .values({ zone_id: p.zoneId, card_uid: p.uid, direction: p.direction, at_ms: p.atMs })
  .onConflict(oc => oc.columns(['zone_id', 'card_uid']).doUpdateSet(eb => ({ direction: eb.ref('excluded.direction'), at_ms: eb.ref('excluded.at_ms') }))
    .where(eb => eb.or([eb('gate_passages.direction', '<>', p.direction), eb('gate_passages.at_ms', '<=', p.resetBeforeMs)]))))

export const parseDirections = (text: string): Direction[] => text.split(',').map(d => directionSchema.parse(d))

export async function gateSettings (db: Executor, deviceId: string): Promise<GateSettings> {
  const row = await gateRow.first(db, { id: deviceId })
  if (row == null) return { directions: ['in', 'out'], zone: NO_ZONE, releaseMs: DEFAULT_RELEASE_MS }
  const zone = row.zone_id == null ? undefined : await zoneRow.first(db, { id: row.zone_id })
  return {
    directions: parseDirections(row.directions),
    zone: row.zone_id == null || zone == null
      ? NO_ZONE
      : { id: row.zone_id, antiPassback: { mode: zone.anti_passback, resetAfterMs: zone.reset_after_ms == null ? null : Number(zone.reset_after_ms) } },
    releaseMs: row.release_ms
  }
}

export async function findGate (db: Executor, deviceId: string): Promise<GateRow | undefined> {
  return gateRow.first(db, { id: deviceId })
}

/** The gate's row, created with the defaults when the operator has not configured the gate. */
export async function ensureGate (db: Executor, deviceId: string): Promise<GateRow> {
  return (await findGate(db, deviceId)) ?? (await ensureGates(db, [deviceId]))[0]!
}

/** ensureGate for many gates: their rows in chunks of 500, the missing ones created with the defaults. */
export async function ensureGates (db: Executor, deviceIds: string[]): Promise<GateRow[]> {
  const rows: GateRow[] = []
  for (let at = 0; at < deviceIds.length; at += 500) {
    const ids = deviceIds.slice(at, at + 500)
    let found = await db.selectFrom('gates').selectAll().where('device_id', 'in', ids).execute()
    if (found.length < ids.length) {
      const known = new Set(found.map(r => r.device_id))
      await db.insertInto('gates').values(ids.filter(id => !known.has(id)).map(id => ({
        device_id: id, directions: 'in,out', zone_id: null, release_ms: DEFAULT_RELEASE_MS,
        list_acked_version: 0, list_sent_version: 0, list_cmd_id: null, time_synced_at_ms: null
      }))).onConflict(oc => oc.column('device_id').doNothing()).execute()
      found = await db.selectFrom('gates').selectAll().where('device_id', 'in', ids).execute()
    }
    rows.push(...found)
  }
  return rows
}

export interface GateInput { deviceId: string, directions: Direction[], zoneId: string | null, releaseMs: number }

/** Creates or replaces a gate's settings; the device must be a gate. */
export async function configureGate (db: Executor, input: GateInput): Promise<void> {
  const device = await db.selectFrom('devices').select(['kind', 'site_id']).where('id', '=', input.deviceId).executeTakeFirst()
  if (device == null) throw new DomainError('DEVICE_UNKNOWN', `no device ${input.deviceId}`)
  if (device.kind !== 'gate') throw new DomainError('VALIDATION_FAILED', `device ${input.deviceId} is a ${device.kind}, not a gate`)
  if (input.directions.length === 0) throw new DomainError('VALIDATION_FAILED', 'a gate serves at least one direction')
  if (input.zoneId != null) {
    const zone = await db.selectFrom('gate_zones').select('site_id').where('id', '=', input.zoneId).executeTakeFirst()
    if (zone?.site_id !== device.site_id) throw new DomainError('VALIDATION_FAILED', `no zone ${input.zoneId} at site ${device.site_id}`)
  }
  const directions = [...new Set(input.directions)].sort().join(',')
  const existing = await findGate(db, input.deviceId)
  if (existing == null) {
    await db.insertInto('gates').values({
      device_id: input.deviceId, directions, zone_id: input.zoneId, release_ms: input.releaseMs,
      list_acked_version: 0, list_sent_version: 0, list_cmd_id: null, time_synced_at_ms: null
    }).execute()
  } else {
    await db.updateTable('gates').set({ directions, zone_id: input.zoneId, release_ms: input.releaseMs }).where('device_id', '=', input.deviceId).execute()
  }
  await bumpRegistryVersion(db) // the ingest caches gate settings per registry version
}

export async function createZone (db: Executor, zone: { id: string, siteId: string, antiPassback: AntiPassbackMode, resetAfterMs: number | null }): Promise<void> {
  await db.insertInto('gate_zones').values({ id: zone.id, site_id: zone.siteId, anti_passback: zone.antiPassback, reset_after_ms: zone.resetAfterMs }).execute()
  await bumpRegistryVersion(db) // a gate's cached settings carry its zone's rule
}

export interface GateSite { siteId: string, salt: Buffer, holidays: string[], allowListVersion: number }

/** The site's gate settings, created on first use with a fresh 16-byte card-hash salt. */
export async function gateSite (db: Executor, siteId: string, nowMs = Date.now()): Promise<GateSite> {
  let row = await db.selectFrom('gate_sites').selectAll().where('site_id', '=', siteId).executeTakeFirst()
  if (row == null) {
    await db.insertInto('gate_sites').values({ site_id: siteId, card_hash_salt: randomBytes(16).toString('hex'), holidays: '[]', allow_list_version: 0, updated_at_ms: nowMs })
      .onConflict(oc => oc.column('site_id').doNothing()).execute()
    row = await db.selectFrom('gate_sites').selectAll().where('site_id', '=', siteId).executeTakeFirstOrThrow()
  }
  return { siteId, salt: Buffer.from(row.card_hash_salt, 'hex'), holidays: JSON.parse(row.holidays) as string[], allowListVersion: row.allow_list_version }
}

export async function siteHolidays (db: Executor, siteId: string): Promise<Set<string>> {
  const row = await holidaysRow.first(db, { siteId })
  return new Set(row == null ? [] : JSON.parse(row.holidays) as string[])
}

export async function setHolidays (db: Executor, siteId: string, holidays: string[], nowMs = Date.now()): Promise<void> {
  const parsed = holidaysSchema.safeParse(holidays)
  if (!parsed.success) throw new DomainError('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'bad holidays')
  await gateSite(db, siteId, nowMs)
  await db.updateTable('gate_sites').set({ holidays: JSON.stringify([...new Set(parsed.data)].sort()), updated_at_ms: nowMs }).where('site_id', '=', siteId).execute()
  await bumpRegistryVersion(db) // the allow-lists change (services/gate/gate-sync.ts)
}

export async function putSchedule (db: Executor, siteId: string, schedule: AccessSchedule): Promise<void> {
  const body = JSON.stringify(accessScheduleSchema.parse(schedule))
  await assertRoomForSchedule(db, siteId, schedule.id)
  await db.insertInto('access_schedules').values({ site_id: siteId, id: schedule.id, body })
    .onConflict(oc => oc.columns(['site_id', 'id']).doUpdateSet({ body })).execute()
  await bumpRegistryVersion(db) // the allow-lists change (services/gate/gate-sync.ts)
}

export async function schedulesOf (db: Executor, siteId: string): Promise<AccessSchedule[]> {
  const rows = await db.selectFrom('access_schedules').select('body').where('site_id', '=', siteId).orderBy('id').execute()
  return rows.map(r => accessScheduleSchema.parse(JSON.parse(r.body)))
}

/** Gives a card a schedule (null: no time limit). */
export async function setCardSchedule (db: Executor, uid: string, scheduleId: string | null): Promise<void> {
  const card = await db.selectFrom('cards').select('site_id').where('uid', '=', uid).executeTakeFirst()
  if (card == null) throw new DomainError('CARD_UNKNOWN')
  await db.deleteFrom('card_schedules').where('card_uid', '=', uid).execute()
  if (scheduleId != null) {
    const known = await db.selectFrom('access_schedules').select('id').where('site_id', '=', card.site_id).where('id', '=', scheduleId).executeTakeFirst()
    if (known == null) throw new DomainError('VALIDATION_FAILED', `no schedule ${scheduleId} at site ${card.site_id}`)
    await db.insertInto('card_schedules').values({ card_uid: uid, schedule_id: scheduleId }).execute()
  }
  await bumpRegistryVersion(db)
}

/**
 * Forgets a card's schedule without bumping the registry version: for the card registry, which
 * calls it when a card is unlinked or linked and bumps the version itself after its own write.
 * A schedule is the holder's, not the card's: a returned card reissued elsewhere must not name a
 * schedule its new site lacks (the site's list could not be built), nor carry the old holder's
 * hours at its own site.
 */
export async function forgetCardSchedule (db: Executor, uid: string): Promise<void> {
  await db.deleteFrom('card_schedules').where('card_uid', '=', uid).execute()
}

export async function scheduleOfCard (db: Executor, siteId: string, uid: string): Promise<AccessSchedule | null> {
  const row = await cardSchedule.first(db, { uid, siteId })
  return row == null ? null : accessScheduleSchema.parse(JSON.parse(row.body))
}

export async function lastPassage (db: Executor, zoneId: string, uid: string): Promise<LastPassage | null> {
  const row = await passageRow.first(db, { zoneId, uid })
  return row == null ? null : { direction: row.direction, atMs: Number(row.at_ms) }
}

/** Remembers a passage unless a later one of the card in the zone is known (offline replays arrive late). */
export async function recordPassage (db: Executor, zoneId: string, uid: string, direction: Direction, atMs: number): Promise<void> {
  await upsertPassage.run(db, { zoneId, uid, direction, atMs })
}

/**
 * Hard anti-passback, atomically: records the passage only if the card's last
 * passage in the zone was the other way (or is forgotten by the reset). Two
 * gates of a zone deciding the same card at once (another partition, another
 * node) cannot both let it in: the second insert waits for the first one's
 * row and then finds the condition false. False: the passage was refused.
 */
export async function claimPassage (db: Executor, zoneId: string, uid: string, direction: Direction, atMs: number, resetAfterMs: number | null): Promise<boolean> {
  return await claimRow.affected(db, { zoneId, uid, direction, atMs, resetBeforeMs: resetAfterMs == null ? -1 : atMs - resetAfterMs }) === 1
}
