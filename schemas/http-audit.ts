// HTTP contract of the audit log of staff actions (GET /api/audit, admins).
// There is no route that writes, edits or deletes audit entries.
import { z } from 'zod'
import { idSchema } from './common.ts'

export const auditQuerySchema = z.object({
  since: z.coerce.number().int().min(0).optional().describe('only entries at or after this time (ms since the epoch)'),
  staffId: idSchema.optional().describe('only this staff member'),
  before: z.coerce.number().int().min(1).optional().describe('the numeric id of an audit entry: only entries with a smaller id (page back with the smallest id of the last page)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100)
})

export const auditEntrySchema = z.object({
  id: z.number().int(),
  atMs: z.number().int(),
  staffId: z.string(),
  staffRole: z.enum(['counter', 'manager', 'admin']),
  staffSiteId: z.string().nullable(),
  method: z.string(),
  route: z.string().describe('route pattern, e.g. /api/cards/:uid/block'),
  params: z.record(z.string(), z.unknown()),
  bodySummary: z.unknown().describe('short summary of the request body; values under secret-looking keys are "[redacted]"'),
  statusCode: z.number().int(),
  ip: z.string(),
  userAgent: z.string().nullable(),
  requestId: z.string(),
  durationMs: z.number().int()
})

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema) })

// ---- settings changes of a site (GET /api/sites/:siteId/settings-changes, managers)

export const settingsChangesQuerySchema = z.object({
  before: z.coerce.number().int().min(1).optional().describe('the id of a change: only older ones (page back with the smallest id of the last page)'),
  limit: z.coerce.number().int().min(1).max(200).default(50)
})

export const settingsChangeSchema = z.object({
  id: z.number().int().describe('the audit entry\'s id'),
  atMs: z.number().int(),
  staffId: z.string(),
  staffName: z.string().nullable().describe('the staff member\'s name as it is now (null: no such staff)'),
  setting: z.enum(['rates', 'site-tariff', 'pile-tariff', 'access-schedule', 'holidays']),
  params: z.record(z.string(), z.unknown()).describe('the route params: siteId, deviceId or scheduleId'),
  bodySummary: z.unknown().describe('short summary of what was set (the audit log\'s body summary)')
}).meta({ id: 'SettingsChange' })

export const settingsChangesSchema = z.object({ changes: z.array(settingsChangeSchema) })
