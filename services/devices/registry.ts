// Sites, devices, households and cards: who may connect, and whose card is whose.
import { rateTableSchema, defaultRateTable, type RateTable } from '../../schemas/rate-table.ts'
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import { isValidTimeZone } from '../points/local-day.ts'
import type { Card, CardStatus, Device, DeviceKind, Household, Site } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import type { Pepper } from './pepper.ts'
import { generateSecret, hashDeviceSecret } from './secrets.ts'
import { bumpRegistryVersion } from './registry-version.ts'

export interface SiteWithRates extends Omit<Site, 'rate_table'> { rateTable: RateTable }

/** A site row with its rate table parsed. */
export function siteWithRates (site: Site): SiteWithRates {
  const { rate_table: raw, ...rest } = site
  return { ...rest, rateTable: rateTableSchema.parse(JSON.parse(raw)) }
}

export async function createSite (db: Executor, input: { id?: string | undefined, name: string, timezone?: string | undefined, rateTable?: RateTable | undefined }, nowMs = Date.now()): Promise<SiteWithRates> {
  const timezone = input.timezone ?? 'Asia/Shanghai'
  if (!isValidTimeZone(timezone)) throw new DomainError('VALIDATION_FAILED', `unknown time zone ${timezone}`)
  const site: Site = { id: input.id ?? newId('site', nowMs), name: input.name, timezone, rate_table: JSON.stringify(input.rateTable ?? defaultRateTable), created_at_ms: nowMs }
  if (await db.selectFrom('sites').select('id').where('id', '=', site.id).executeTakeFirst() != null) throw new DomainError('CONFLICT', `site ${site.id} already exists`)
  await db.insertInto('sites').values(site).execute()
  return siteWithRates(site)
}

export async function getSite (db: Executor, siteId: string): Promise<SiteWithRates> {
  const site = await db.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirst()
  if (site == null) throw new DomainError('SITE_UNKNOWN', `no site ${siteId}`)
  return siteWithRates(site)
}

export async function listSites (db: Executor): Promise<SiteWithRates[]> {
  return (await db.selectFrom('sites').selectAll().orderBy('id').execute()).map(siteWithRates)
}

export async function setSiteRates (db: Executor, siteId: string, rateTable: RateTable): Promise<SiteWithRates> {
  const result = await db.updateTable('sites').set({ rate_table: JSON.stringify(rateTable) }).where('id', '=', siteId).executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new DomainError('SITE_UNKNOWN', `no site ${siteId}`)
  await bumpRegistryVersion(db)
  return getSite(db, siteId)
}

export interface ProvisionedDevice { device: Omit<Device, 'secret_hash'>, secret: string }

/** Creates a device and returns its secret: the only time the secret is visible. */
export async function provisionDevice (db: Executor, pepper: Pepper, input: { id: string, siteId: string, kind: DeviceKind, name?: string | undefined }, nowMs = Date.now()): Promise<ProvisionedDevice> {
  await getSite(db, input.siteId)
  if (await db.selectFrom('devices').select('id').where('id', '=', input.id).executeTakeFirst() != null) throw new DomainError('CONFLICT', `device ${input.id} already exists`)
  const secret = generateSecret()
  const device: Device = {
    id: input.id, site_id: input.siteId, kind: input.kind, name: input.name ?? input.id, secret_hash: hashDeviceSecret(pepper, secret),
    status: 'active', created_at_ms: nowMs, online: 0, last_seen_at_ms: null, last_status: null
  }
  await db.insertInto('devices').values(device).execute()
  await bumpRegistryVersion(db) // the ingest may have cached "no such device"
  const { secret_hash: _hidden, ...visible } = device
  return { device: visible, secret }
}

export async function findDevice (db: Executor, deviceId: string): Promise<Device | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst()
}

export async function getDevice (db: Executor, deviceId: string): Promise<Device> {
  const device = await findDevice(db, deviceId)
  if (device == null) throw new DomainError('DEVICE_UNKNOWN', `no device ${deviceId}`)
  return device
}

export async function listDevices (db: Executor, siteId?: string): Promise<Omit<Device, 'secret_hash'>[]> {
  let q = db.selectFrom('devices').select(['id', 'site_id', 'kind', 'name', 'status', 'created_at_ms', 'online', 'last_seen_at_ms', 'last_status'])
  if (siteId != null) q = q.where('site_id', '=', siteId)
  return q.orderBy('id').execute()
}

export async function createHousehold (db: Executor, input: { siteId: string, label: string, id?: string | undefined }, nowMs = Date.now()): Promise<Household> {
  await getSite(db, input.siteId)
  const clash = await db.selectFrom('households').select('id').where('site_id', '=', input.siteId).where('label', '=', input.label).executeTakeFirst()
  if (clash != null) throw new DomainError('CONFLICT', `household ${input.label} already exists at ${input.siteId} as ${clash.id}`)
  const household: Household = { id: input.id ?? newId('hh', nowMs), site_id: input.siteId, label: input.label, status: 'active', balance_points: 0, created_at_ms: nowMs }
  await db.insertInto('households').values(household).execute()
  return household
}

export async function getHousehold (db: Executor, householdId: string): Promise<Household> {
  const household = await db.selectFrom('households').selectAll().where('id', '=', householdId).executeTakeFirst()
  if (household == null) throw new DomainError('HOUSEHOLD_UNKNOWN', `no household ${householdId}`)
  return household
}

export async function findCard (db: Executor, uid: string): Promise<Card | undefined> {
  return db.selectFrom('cards').selectAll().where('uid', '=', uid).executeTakeFirst()
}

export async function cardsOf (db: Executor, householdId: string): Promise<Card[]> {
  return db.selectFrom('cards').selectAll().where('household_id', '=', householdId).orderBy('uid').execute()
}

/** Links a card to a household (new card, or an unlinked one being reissued). */
export async function linkCard (db: Executor, input: { uid: string, householdId: string }, nowMs = Date.now()): Promise<Card> {
  const household = await getHousehold(db, input.householdId)
  const existing = await findCard(db, input.uid)
  if (existing != null && existing.status !== 'unlinked') throw new DomainError('CONFLICT', `card is already ${existing.status} for household ${existing.household_id ?? '-'}`)
  const card: Card = { uid: input.uid, household_id: household.id, site_id: household.site_id, status: 'active', created_at_ms: existing?.created_at_ms ?? nowMs, updated_at_ms: nowMs }
  if (existing == null) await db.insertInto('cards').values(card).execute()
  else await db.updateTable('cards').set(card).where('uid', '=', input.uid).execute()
  await bumpRegistryVersion(db)
  return card
}

/** lost / blocked / active (unblock, found) / unlinked (card returned). */
export async function setCardStatus (db: Executor, uid: string, status: CardStatus, nowMs = Date.now()): Promise<Card> {
  const card = await findCard(db, uid)
  if (card == null) throw new DomainError('CARD_UNKNOWN')
  const next: Card = { ...card, status, updated_at_ms: nowMs, household_id: status === 'unlinked' ? null : card.household_id }
  if (status === 'active' && card.household_id == null) throw new DomainError('CARD_UNKNOWN', 'card is not linked to a household; link it instead')
  await db.updateTable('cards').set(next).where('uid', '=', uid).execute()
  await bumpRegistryVersion(db) // a blocked or lost card is denied at the next swipe
  return next
}
