// Charging tariffs in the store, versioned per site (scope '') and per pile
// (scope = device id). The version in force at a pile is the newest of its own
// scope, else the newest of its site. A session copies the tariff and limits
// it starts under into its own state, so a later version never changes it.
import { chargingLimitsSchema, chargingBounds, tariffSchema, type ChargingLimits, type Tariff } from '../../schemas/charging.ts'
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { ChargingTariffRow } from '../store/database.ts'
import { inTransaction, type Executor } from '../store/executor.ts'

export interface TariffInForce { row: ChargingTariffRow, tariff: Tariff, limits: ChargingLimits }

export interface NewTariffVersion {
  siteId: string
  /** A pile's own tariff; null for the site's. */
  deviceId: string | null
  /** The tariff without its id and version (the store numbers versions). */
  tariff: Omit<Tariff, 'tariffId' | 'version'>
  limits: ChargingLimits
  holdDefaultPoints: number
  holdMaxPoints: number
  createdBy: string
  nowMs: number
}

export const tariffScope = (deviceId: string | null): string => deviceId ?? ''

export function parseTariffRow (row: ChargingTariffRow): TariffInForce {
  return { row, tariff: tariffSchema.parse(JSON.parse(row.tariff)), limits: chargingLimitsSchema.parse(JSON.parse(row.limits)) }
}

/** Adds the next version for the site or pile; earlier versions stay as they were (sessions name them). */
export async function addTariffVersion (db: Executor, v: NewTariffVersion): Promise<TariffInForce> {
  if (!Number.isSafeInteger(v.holdDefaultPoints) || v.holdDefaultPoints < 1 || v.holdDefaultPoints > v.holdMaxPoints || v.holdMaxPoints > chargingBounds.maxHoldPoints) {
    throw new DomainError('VALIDATION_FAILED', `holdDefaultPoints must be 1 … holdMaxPoints, and holdMaxPoints at most ${chargingBounds.maxHoldPoints}`)
  }
  return inTransaction(db, async trx => {
    const scope = tariffScope(v.deviceId)
    // lock the site row: two managers adding a version at once get consecutive numbers
    const site = await trx.updateTable('sites').set(eb => ({ name: eb.ref('name') })).where('id', '=', v.siteId).executeTakeFirstOrThrow()
    // no row to lock: the version's foreign key would refuse it (a store error, 500)
    if (site.numUpdatedRows === 0n) throw new DomainError('SITE_UNKNOWN', `no site ${v.siteId}`)
    const last = await trx.selectFrom('charging_tariffs').select(eb => eb.fn.max('version').as('version'))
      .where('site_id', '=', v.siteId).where('scope', '=', scope).executeTakeFirst()
    const version = Number(last?.version ?? 0) + 1
    const tariff = tariffSchema.parse({ ...v.tariff, tariffId: v.deviceId ?? v.siteId, version })
    const row: ChargingTariffRow = {
      id: newId('trf', v.nowMs), site_id: v.siteId, scope, version, tariff: JSON.stringify(tariff), limits: JSON.stringify(v.limits),
      hold_default_points: v.holdDefaultPoints, hold_max_points: v.holdMaxPoints, created_by: v.createdBy, created_at_ms: v.nowMs
    }
    await trx.insertInto('charging_tariffs').values(row).execute()
    return { row, tariff, limits: v.limits }
  })
}

async function newestOf (db: Executor, siteId: string, scope: string): Promise<ChargingTariffRow | undefined> {
  return db.selectFrom('charging_tariffs').selectAll().where('site_id', '=', siteId).where('scope', '=', scope)
    .orderBy('version', 'desc').limit(1).executeTakeFirst()
}

/** The tariff a session starting now at this pile runs under, or undefined when none is set. */
export async function tariffInForce (db: Executor, siteId: string, deviceId: string): Promise<TariffInForce | undefined> {
  const row = await newestOf(db, siteId, tariffScope(deviceId)) ?? await newestOf(db, siteId, tariffScope(null))
  return row == null ? undefined : parseTariffRow(row)
}

export async function tariffVersions (db: Executor, siteId: string, deviceId: string | null): Promise<TariffInForce[]> {
  const rows = await db.selectFrom('charging_tariffs').selectAll().where('site_id', '=', siteId).where('scope', '=', tariffScope(deviceId))
    .orderBy('version', 'desc').execute()
  return rows.map(parseTariffRow)
}

export async function tariffById (db: Executor, id: string): Promise<TariffInForce | undefined> {
  const row = await db.selectFrom('charging_tariffs').selectAll().where('id', '=', id).executeTakeFirst()
  return row == null ? undefined : parseTariffRow(row)
}
