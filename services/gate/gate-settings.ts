// What staff set up for a site's gates, with the site checks: a gate's
// directions, zone and release time (sent to the gate at once as gate-config),
// zones, schedules, which card has which schedule, and holidays. Schedules,
// card schedules and holidays change the allow-lists: the registry version
// moves and online gates get a delta (gate-sync.ts).
import type { AccessSchedule, Direction, GateCommand } from '../../schemas/gate.ts'
import { markForRelay } from '../devices/command-relay.ts'
import { getDevice } from '../devices/device-registry.ts'
import { DomainError } from '../errors.ts'
import { getSite } from '../sites/site-registry.ts'
import { assertSite, type Actor } from '../staff/roles.ts'
import type { Executor } from '../store/executor.ts'
import { recordGateConfig } from './gate-connect.ts'
import { configureGate, createZone, ensureGate, gateSite, parseDirections, putSchedule, schedulesOf, setCardSchedule, setHolidays, siteHolidays } from './gate-repository.ts'
import type { AntiPassbackMode } from './tables.ts'

async function gateOf (db: Executor, actor: Actor, deviceId: string) {
  const device = await getDevice(db, deviceId)
  assertSite(actor, device.site_id)
  if (device.kind !== 'gate') throw new DomainError('VALIDATION_FAILED', `device ${deviceId} is a ${device.kind}, not a gate`)
  return device
}

export async function gateState (db: Executor, actor: Actor, deviceId: string) {
  const device = await gateOf(db, actor, deviceId)
  const gate = await ensureGate(db, device.id)
  const site = await gateSite(db, device.site_id)
  return {
    deviceId: device.id, directions: parseDirections(gate.directions), zoneId: gate.zone_id, releaseMs: gate.release_ms,
    listAckedVersion: gate.list_acked_version, listSentVersion: gate.list_sent_version, siteListVersion: site.allowListVersion, timeSyncedAtMs: gate.time_synced_at_ms
  }
}

/** Saves the settings and records the gate-config the caller sends to the gate's connection. */
export async function changeGate (db: Executor, actor: Actor, deviceId: string, input: { directions: Direction[], zoneId: string | null, releaseMs: number }, nowMs = Date.now()): Promise<GateCommand> {
  await gateOf(db, actor, deviceId)
  await configureGate(db, { deviceId, ...input })
  const command = await recordGateConfig(db, deviceId, nowMs)
  await markForRelay(db, deviceId, command)
  return command
}

export async function addZone (db: Executor, actor: Actor, siteId: string, zone: { id: string, antiPassback: AntiPassbackMode, resetAfterMs: number | null }): Promise<void> {
  assertSite(actor, siteId)
  await getSite(db, siteId)
  if (await db.selectFrom('gate_zones').select('id').where('id', '=', zone.id).executeTakeFirst() != null) throw new DomainError('CONFLICT', `zone ${zone.id} already exists`)
  await createZone(db, { ...zone, siteId })
}

export async function saveSchedule (db: Executor, actor: Actor, siteId: string, schedule: AccessSchedule): Promise<void> {
  assertSite(actor, siteId)
  await getSite(db, siteId)
  await putSchedule(db, siteId, schedule)
}

export async function readSchedules (db: Executor, actor: Actor, siteId: string): Promise<AccessSchedule[]> {
  assertSite(actor, siteId)
  await getSite(db, siteId)
  return schedulesOf(db, siteId)
}

export async function saveCardSchedule (db: Executor, actor: Actor, uid: string, scheduleId: string | null): Promise<void> {
  const card = await db.selectFrom('cards').select('site_id').where('uid', '=', uid).executeTakeFirst()
  if (card == null) throw new DomainError('CARD_UNKNOWN')
  assertSite(actor, card.site_id)
  await setCardSchedule(db, uid, scheduleId)
}

export async function saveHolidays (db: Executor, actor: Actor, siteId: string, holidays: string[]): Promise<void> {
  assertSite(actor, siteId)
  await getSite(db, siteId)
  await setHolidays(db, siteId, holidays)
}

export async function readHolidays (db: Executor, actor: Actor, siteId: string): Promise<string[]> {
  assertSite(actor, siteId)
  await getSite(db, siteId)
  return [...await siteHolidays(db, siteId)].sort()
}
