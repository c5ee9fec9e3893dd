// HTTP contract of the gate routes (services/http/routes/gates.ts,
// docs/http-api.md "Gates"): the access log and its CSV export, remote open,
// visitor passes and their signing keys.
import { z } from 'zod'
import { cardUidSchema, idSchema } from './common.ts'
import { accessScheduleSchema, directionSchema, holidaysSchema } from './gate.ts'

const text = (max: number) => z.string().trim().min(1).max(max)

export const gateParamsSchema = z.object({ deviceId: idSchema })
export const passParamsSchema = z.object({ passId: idSchema })
export const passKeyParamsSchema = z.object({ siteId: idSchema, kid: idSchema })

export const accessLogQuerySchema = z.object({
  gateId: idSchema.optional().describe('only this gate (device id)'),
  card: cardUidSchema.optional().describe('only this card'),
  householdId: idSchema.optional().describe('only this household\'s cards'),
  decision: z.enum(['allow', 'deny']).optional(),
  mode: z.enum(['online', 'offline', 'remote']).optional().describe('online: decided by the backend; offline: decided by the gate and replayed; remote: opened by staff'),
  from: z.coerce.number().int().min(0).optional().describe('passages at or after this time (ms since the epoch)'),
  until: z.coerce.number().int().min(0).optional().describe('passages before this time (ms since the epoch)'),
  cursor: z.string().max(64).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100)
})
export type AccessLogQuery = z.infer<typeof accessLogQuerySchema>

export const accessLogEntrySchema = z.object({
  seq: z.number().int(),
  siteId: z.string(),
  gateId: z.string(),
  eventId: z.string().describe('the gate\'s eventId, or the command id of a remote open'),
  atMs: z.number().int().describe('when it happened: the backend\'s time online, the gate\'s own time offline'),
  receivedAtMs: z.number().int(),
  mode: z.enum(['online', 'offline', 'remote']),
  credential: z.enum(['card', 'pass', 'staff']),
  card: z.string().nullable().describe('the card uid as the gate read it'),
  householdId: z.string().nullable(),
  passId: z.string().nullable(),
  staffId: z.string().nullable(),
  note: z.string().nullable().describe('a remote open: the reason given'),
  direction: directionSchema.nullable(),
  reader: z.number().int().nullable(),
  decision: z.enum(['allow', 'deny']),
  reason: z.string().nullable().describe('deny reason code (docs/protocol.md "Gates")'),
  flags: z.array(z.string()).describe('ANTI_PASSBACK: let through by a soft anti-passback rule'),
  allowListVersion: z.number().int().nullable(),
  clockSynced: z.boolean().nullable(),
  requestEventId: z.string().nullable().describe('an offline decision taken because the online answer came too late: the access request it replaces (docs/protocol.md "Offline decisions replayed later")')
}).meta({ id: 'AccessLogEntry' })

export const accessLogPageSchema = z.object({ entries: z.array(accessLogEntrySchema), nextCursor: z.string().nullable() })

export const remoteOpenBodySchema = z.object({
  reason: text(200).describe('why: recorded in the access log and the audit log'),
  reader: z.number().int().min(0).max(15).optional(),
  timeoutMs: z.number().int().min(1000).max(30_000).default(10_000).describe('how long to wait for the gate\'s ack; the open is void after it')
})

export const remoteOpenResultSchema = z.object({
  cmdId: z.string(),
  outcome: z.enum(['opened', 'refused', 'timeout']).describe('opened: the gate acked; refused: it acked with ok=false; timeout: no ack in time (the command expires and is never re-sent)'),
  error: z.string().nullable()
})

export const passKeySchema = z.object({ kid: z.string(), publicKey: z.string(), createdAtMs: z.number().int(), retiredAtMs: z.number().int().nullable() })
export const passKeysSchema = z.object({ keys: z.array(passKeySchema) })

export const issuePassBodySchema = z.object({
  gates: z.array(idSchema).min(1).max(32).describe('gate device ids of the site'),
  validFromMs: z.number().int().min(0).describe('rounded down to a whole second'),
  validUntilMs: z.number().int().min(0).describe('exclusive; rounded up to a whole second'),
  maxUses: z.number().int().min(1).max(1000).default(1),
  visitor: text(100).optional().describe('who the pass is for, for staff')
})

export const visitorPassSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  kid: z.string(),
  gates: z.array(z.string()),
  validFromMs: z.number().int(),
  validUntilMs: z.number().int(),
  maxUses: z.number().int(),
  uses: z.number().int().describe('counted centrally: online uses and offline uses the gates replayed'),
  visitor: z.string().nullable(),
  issuedBy: z.string(),
  issuedAtMs: z.number().int(),
  revokedAtMs: z.number().int().nullable()
}).meta({ id: 'VisitorPass' })

export const passesQuerySchema = z.object({
  all: z.stringbool().default(false).describe('also revoked and ended passes'),
  limit: z.coerce.number().int().min(1).max(500).default(100)
})

export const issuedPassSchema = z.object({ pass: visitorPassSchema, qr: z.string().describe('VP1.<claims>.<signature> (docs/gate.md §3): print it as a QR code') })

// ---- gate settings (operators)

export const gateSettingsBodySchema = z.object({
  directions: z.array(directionSchema).min(1).max(2).describe('the directions the gate\'s readers serve'),
  zoneId: idSchema.nullable().default(null).describe('anti-passback zone of the site; null: none'),
  releaseMs: z.number().int().min(500).max(60_000).default(5000).describe('how long an open releases the lock')
})

export const gateStateSchema = z.object({
  deviceId: z.string(),
  directions: z.array(directionSchema),
  zoneId: z.string().nullable(),
  releaseMs: z.number().int(),
  listAckedVersion: z.number().int().describe('the allow-list version the gate acknowledged (0: none)'),
  listSentVersion: z.number().int().describe('the version of the last list command sent'),
  siteListVersion: z.number().int().describe('the site\'s current list version'),
  timeSyncedAtMs: z.number().int().nullable()
}).meta({ id: 'GateState' })

export const zoneBodySchema = z.object({
  id: idSchema,
  antiPassback: z.enum(['off', 'soft', 'hard']).describe('soft: let through and flag; hard: deny'),
  resetAfterMs: z.number().int().min(1000).max(31 * 86_400_000).nullable().default(null).describe('forget the last passage after this long; null: never')
})

export const scheduleParamsSchema = z.object({ siteId: idSchema, scheduleId: idSchema })
export const scheduleBodySchema = accessScheduleSchema.omit({ id: true })
export const cardScheduleBodySchema = z.object({ scheduleId: idSchema.nullable().describe('null: no time limit') })
export const holidaysBodySchema = z.object({ holidays: holidaysSchema.describe('site-local dates YYYY-MM-DD') })

export const accessSchedulesSchema = z.object({ schedules: z.array(accessScheduleSchema).describe('the site\'s schedules, by id') })
export const siteHolidaysSchema = z.object({ holidays: holidaysSchema.describe('site-local dates YYYY-MM-DD, sorted') })
