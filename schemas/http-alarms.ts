// HTTP bodies of the alarm and device-health API (services/http/routes/alarms.ts,
// routes/device-health.ts, docs/http-api.md "Alarms").
import { z } from 'zod'
import { alarmSeveritySchema } from './alarm.ts'
import { portStatusSchema } from './charging.ts'
import { idSchema } from './common.ts'

const ms = z.number().int()

export const alarmSchema = z.object({
  id: z.string(),
  siteId: z.string().nullable(),
  deviceId: z.string().nullable(),
  type: z.string(),
  source: z.string().meta({ description: "bin category or `port-N`; '' for the whole device" }),
  severity: alarmSeveritySchema,
  message: z.string().nullable(),
  state: z.string().meta({ description: 'e.g. `active-unacknowledged+shelved`' }),
  active: z.boolean(),
  acknowledged: z.boolean(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAtMs: ms.nullable(),
  clearedAtMs: ms.nullable(),
  shelf: z.object({ reason: z.string(), untilMs: ms, by: z.string(), sinceMs: ms }).nullable(),
  outOfService: z.object({ reason: z.string(), by: z.string(), sinceMs: ms }).nullable(),
  groupId: z.string().nullable().meta({ description: 'the flood alarm this one is grouped under' }),
  count: z.number().int(),
  firstAtMs: ms,
  lastAtMs: ms,
  /** How long the episode lasted (until cleared) or has lasted so far. */
  durationMs: ms
}).meta({ id: 'Alarm' })

export const alarmChangeSchema = z.object({
  action: z.string(),
  atMs: ms,
  actor: z.object({ kind: z.enum(['staff', 'device', 'rule', 'system']), id: z.string() }),
  fromState: z.string().nullable(),
  toState: z.string(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown())
}).meta({ id: 'AlarmChange' })

const flag = z.enum(['true', 'false']).transform(v => v === 'true')

export const currentAlarmsQuerySchema = z.object({
  siteId: idSchema.optional(),
  deviceId: idSchema.optional(),
  severity: alarmSeveritySchema.optional(),
  type: z.string().max(64).optional(),
  active: flag.optional(),
  acknowledged: flag.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200)
})

export const alarmHistoryQuerySchema = z.object({
  siteId: idSchema.optional(),
  deviceId: idSchema.optional(),
  /** First occurrence at or after / before (ms). */
  fromMs: z.coerce.number().int().min(0).optional(),
  toMs: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200)
})

export const alarmParamsSchema = z.object({ alarmId: idSchema })
export const reasonBodySchema = z.object({ reason: z.string().min(1).max(500) })
export const shelveBodySchema = z.object({ reason: z.string().min(1).max(500), untilMs: ms.min(0) })

export const alarmWithHistorySchema = z.object({ alarm: alarmSchema, changes: z.array(alarmChangeSchema) })

export const deviceHealthSchema = z.object({
  deviceId: z.string(),
  siteId: z.string(),
  kind: z.string(),
  name: z.string(),
  status: z.string(),
  online: z.boolean(),
  lastSeenAtMs: ms.nullable(),
  firmware: z.string().nullable(),
  uptimeS: z.number().int().nullable(),
  rssiDbm: z.number().int().nullable(),
  temperatureC: z.number().nullable(),
  bins: z.array(z.object({ category: z.string(), fillPct: z.number() })),
  ports: z.array(portStatusSchema),
  unacknowledgedCommands: z.number().int(),
  deadLetters24h: z.number().int(),
  openAlarms: z.number().int()
}).meta({ id: 'DeviceHealth' })

export const liveEventsQuerySchema = z.object({ siteId: idSchema.optional() })

export const webhookSchema = z.object({ id: z.string(), siteId: z.string(), url: z.string(), active: z.boolean(), createdAtMs: ms }).meta({ id: 'Webhook' })
export const createWebhookBodySchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000).meta({ description: 'http(s) URL that receives the site\'s alarm notifications' })
})
export const createdWebhookSchema = z.object({ webhook: webhookSchema, secret: z.string().meta({ description: 'HMAC-SHA256 key of the X-Alarm-Signature header; shown once' }) })
export const webhookParamsSchema = z.object({ webhookId: idSchema })

export const reportsQuerySchema = z.object({
  siteId: idSchema.optional(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').optional(),
  format: z.enum(['json', 'csv']).default('json')
}).refine(q => (q.day == null) !== (q.month == null), { message: 'give a day or a month', path: ['month'] })
  .refine(q => q.day == null || !Number.isNaN(Date.parse(`${q.day}T00:00:00Z`)), { message: 'not a calendar day', path: ['day'] })

const gramsSchema = z.record(z.string(), z.number().int())
export const siteReportSchema = z.object({
  siteId: z.string(),
  siteName: z.string(),
  from: z.string(),
  to: z.string(),
  households: z.number().int(),
  participatingHouseholds: z.number().int(),
  participationRate: z.number(),
  deposits: z.number().int(),
  depositsInReview: z.number().int(),
  gramsByCategory: gramsSchema,
  points: z.object({ issued: z.number().int(), redeemed: z.number().int(), corrections: z.number().int(), outstanding: z.number().int() }),
  liabilityYuan: z.string(),
  gate: z.object({
    grantedIn: z.number().int(),
    grantedOut: z.number().int(),
    remoteOpens: z.number().int().meta({ description: 'doors opened by staff' }),
    denied: z.number().int(),
    offline: z.number().int().meta({ description: 'decisions gates took alone from their allow-list' }),
    visitorEntries: z.number().int()
  }).meta({ id: 'GateTraffic', description: 'access-log decisions by when they happened (site-local)' }),
  charging: z.object({
    sessions: z.number().int().meta({ description: 'sessions settled in the period' }),
    energyWh: z.number().int(),
    faultStops: z.number().int().meta({ description: 'sessions the pile stopped for FAULT, OVER_POWER or OVER_TEMPERATURE' }),
    revenuePoints: z.number().int().meta({ description: 'charges less late-stop refunds booked in the period' }),
    revenueYuan: z.string()
  }).meta({ id: 'ChargingFigures' })
}).meta({ id: 'SiteReport' })
export const reportsSchema = z.object({ reports: z.array(siteReportSchema), total: siteReportSchema })
