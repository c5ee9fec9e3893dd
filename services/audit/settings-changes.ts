// Who changed a site's settings, what and when: the audit log's committed
// changes (2xx) of the settings routes, narrowed to one site, and the tariffs
// set with the CLI (`ctl tariff set`, audited in the same log). A manager reads
// them on the settings page; the whole audit log stays an admin's.
//
// The audit row keeps the route pattern and its params as JSON, so a site's
// rows are found by exact params text: the site routes carry {"siteId"}, the
// pile tariff {"deviceId"} (the site's chargers), a schedule
// {"siteId","scheduleId"} (the site's schedules: none is ever deleted).
// Exact text, not LIKE: ids may hold `_`, a LIKE wildcard.
import type { Executor } from '../store/executor.ts'

export const settingsRoutes = {
  '/api/sites/:siteId/rates': 'rates',
  '/api/sites/:siteId/charging-tariff': 'site-tariff',
  '/api/devices/:deviceId/charging-tariff': 'pile-tariff',
  '/api/sites/:siteId/access-schedules/:scheduleId': 'access-schedule',
  '/api/sites/:siteId/holidays': 'holidays'
} as const
export type SettingKind = (typeof settingsRoutes)[keyof typeof settingsRoutes]

export interface SettingsChange {
  id: number
  atMs: number
  staffId: string
  staffName: string | null
  setting: SettingKind
  params: Record<string, unknown>
  bodySummary: unknown
}

/** The params texts the site's settings rows carry (JSON.stringify, as the audit log writes them). */
async function paramsOfSite (db: Executor, siteId: string): Promise<string[]> {
  const chargers = await db.selectFrom('devices').select('id').where('site_id', '=', siteId).where('kind', '=', 'charger').execute()
  const schedules = await db.selectFrom('access_schedules').select('id').where('site_id', '=', siteId).execute()
  return [
    JSON.stringify({ siteId }),
    ...chargers.map(d => JSON.stringify({ deviceId: d.id })),
    ...schedules.map(s => JSON.stringify({ siteId, scheduleId: s.id }))
  ]
}

/** A change from the CLI: `ctl tariff set --site … [--pile …]` (services/ctl/cli-audit.ts keeps the options, no params). */
const cliTariffRoute = 'ctl tariff set'

function changesQuery (db: Executor, beforeId: number | undefined) {
  let query = db.selectFrom('audit_log').leftJoin('staff', 'staff.id', 'audit_log.staff_id')
    .select(['audit_log.id', 'audit_log.at_ms', 'audit_log.staff_id', 'staff.name as staff_name', 'audit_log.route', 'audit_log.params', 'audit_log.body_summary'])
    .where('audit_log.status_code', '>=', 200).where('audit_log.status_code', '<', 300)
    .orderBy('audit_log.id', 'desc')
  if (beforeId != null) query = query.where('audit_log.id', '<', beforeId)
  return query
}

type ChangeRow = Awaited<ReturnType<ReturnType<typeof changesQuery>['execute']>>[number]

const parsed = (text: string | null): unknown => text == null ? null : JSON.parse(text) as unknown

function changeOf (row: ChangeRow, setting: SettingKind, params: Record<string, unknown>): SettingsChange {
  return { id: Number(row.id), atMs: Number(row.at_ms), staffId: row.staff_id, staffName: row.staff_name, setting, params, bodySummary: parsed(row.body_summary) }
}

/**
 * The CLI's tariff changes of the site. Its options are in the body summary,
 * not in params, so rows are matched here rather than in SQL: tariff changes
 * from the CLI are few (a handful per site and year).
 */
async function cliTariffChanges (db: Executor, siteId: string, q: { beforeId?: number | undefined, limit: number }): Promise<SettingsChange[]> {
  const rows = await changesQuery(db, q.beforeId).where('audit_log.route', '=', cliTariffRoute).execute()
  return rows.flatMap(row => {
    const options = parsed(row.body_summary) as { site?: unknown, pile?: unknown } | null
    if (options?.site !== siteId) return []
    return [typeof options.pile === 'string' ? changeOf(row, 'pile-tariff', { deviceId: options.pile }) : changeOf(row, 'site-tariff', { siteId })]
  }).slice(0, q.limit)
}

/** Newest first, over HTTP and from the CLI; `beforeId` pages back. */
export async function listSettingsChanges (db: Executor, siteId: string, q: { beforeId?: number | undefined, limit: number }): Promise<SettingsChange[]> {
  const rows = await changesQuery(db, q.beforeId)
    .where('audit_log.route', 'in', Object.keys(settingsRoutes))
    .where('audit_log.params', 'in', await paramsOfSite(db, siteId))
    .limit(q.limit).execute()
  const overHttp = rows.map(row => changeOf(row, settingsRoutes[row.route as keyof typeof settingsRoutes], JSON.parse(row.params) as Record<string, unknown>))
  return [...overHttp, ...await cliTariffChanges(db, siteId, q)].sort((a, b) => b.id - a.id).slice(0, q.limit)
}
