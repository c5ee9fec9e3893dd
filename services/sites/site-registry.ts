// Sites: a residential compound, its time zone and its rate table.
import { rateTableSchema, defaultRateTable, type RateTable } from '../../schemas/rate-table.ts'
import { bumpRegistryVersion } from '../devices/registry-version.ts'
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import { isValidTimeZone } from '../points/local-day.ts'
import type { Executor } from '../store/executor.ts'
import type { Site } from './tables.ts'

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
