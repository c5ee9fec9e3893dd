// The access-gate contract: events a gate sends, commands it receives, and
// the data its offline decisions rest on (schedules, allow-list, visitor
// passes). Bounded like the kiosk contract (docs/protocol.md §9): every
// number has a range, every list a length and device text refuses U+0000,
// so any accepted event can be stored on either store. Design: docs/gate.md.
// Wiring into topics, the ingest handler table and docs/protocol.md follows.
import { z } from 'zod'
import { cardUidSchema, deviceTextSchema, eventIdSchema, idSchema, tsSchema } from './common.ts'

export const directions = ['in', 'out'] as const
export const directionSchema = z.enum(directions)
export type Direction = z.infer<typeof directionSchema>

/** Why a gate stays shut: one vocabulary for online denies, offline decisions and the access log. */
export const gateDenyReasons = [
  // card and household (the kiosk's rules, services/kiosk/swipe-decision.ts)
  'CARD_UNKNOWN', 'CARD_LOST', 'CARD_BLOCKED', 'CARD_WRONG_SITE', 'HOUSEHOLD_INACTIVE', 'DEVICE_DISABLED',
  // gate rules (services/gate/decide-access.ts)
  'DIRECTION_NOT_SERVED', 'OUTSIDE_DATE_RANGE', 'OUTSIDE_SCHEDULE', 'ANTI_PASSBACK',
  // visitor passes (services/gate/visitor-pass.ts)
  'FORGED', 'EXPIRED', 'NOT_YET_VALID', 'REVOKED', 'EXHAUSTED', 'WRONG_SITE', 'WRONG_GATE', 'UNKNOWN_KEY',
  // a gate without trusted time denies time-bound credentials
  'CLOCK_UNTRUSTED',
  // offline: the card is not in the gate's allow-list
  'NOT_IN_ALLOW_LIST'
] as const
export const gateDenyReasonSchema = z.enum(gateDenyReasons)
export type GateDenyReason = z.infer<typeof gateDenyReasonSchema>

// ---------------------------------------------------------------- schedules

/** A site-local calendar date, e.g. 2026-03-31 (checked to exist). */
export const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(s => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'no such date')

/** Site-local wall time; `24:00` only as a period's end. */
const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM (00:00–24:00)')

/**
 * A period of a day, start inclusive, end exclusive. An end at or before the
 * start crosses midnight: 22:00–02:00 belongs to the day it starts and ends on
 * the next day at 02:00 (docs/gate.md).
 */
export const periodSchema = z.object({ from: clockTimeSchema, to: clockTimeSchema })
  .refine(p => p.from !== '24:00', 'a period cannot start at 24:00')
  .refine(p => p.from !== p.to, 'an empty period: from equals to')
export type Period = z.infer<typeof periodSchema>

const periodsSchema = z.array(periodSchema).max(4)
export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type WeekdayKey = (typeof weekdayKeys)[number]

/** Both bounds inclusive: `until: 2026-03-31` admits the whole of 31 March. */
export const dateRangeSchema = z.object({ from: localDateSchema, until: localDateSchema })
  .refine(r => r.from <= r.until, { message: 'from is after until', path: ['until'] })

/**
 * When a card may pass: periods per weekday, on the site's holidays the
 * `holidays` periods instead (none: no access), only within one of the date
 * ranges (none: no date limit). `freeExit` lets the card out at any time, so a
 * contractor who stays late is not locked in.
 */
export const accessScheduleSchema = z.object({
  id: idSchema,
  weekdays: z.object({
    mon: periodsSchema.optional(),
    tue: periodsSchema.optional(),
    wed: periodsSchema.optional(),
    thu: periodsSchema.optional(),
    fri: periodsSchema.optional(),
    sat: periodsSchema.optional(),
    sun: periodsSchema.optional()
  }),
  holidays: periodsSchema.default([]),
  dateRanges: z.array(dateRangeSchema).max(8).default([]),
  freeExit: z.boolean().default(false)
}).meta({ id: 'AccessSchedule', description: 'When a card may pass a gate, in site-local time.' })
export type AccessSchedule = z.infer<typeof accessScheduleSchema>

/** A site's holidays: local dates on which schedules use their `holidays` periods. */
export const holidaysSchema = z.array(localDateSchema).max(64)

// ---------------------------------------------------------------- gate events (up-link)

const eventBase = { eventId: eventIdSchema, ts: tsSchema }
/** Which reader of the gate read the credential; a gate has at most 16. */
const readerSchema = z.number().int().min(0).max(15)

/**
 * What was presented: a card, or a visitor pass QR read as text. The QR is any
 * printable text up to 1024 characters, so a forged or foreign QR is logged
 * with its reason instead of being dead-lettered.
 */
export const credentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('card'), card: cardUidSchema }),
  z.object({ kind: z.literal('pass'), qr: deviceTextSchema(1024).min(1) })
])
export type Credential = z.infer<typeof credentialSchema>

export const accessRequestEventSchema = z.object({
  ...eventBase,
  credential: credentialSchema,
  reader: readerSchema,
  direction: directionSchema
}).meta({ id: 'GateAccessRequest', description: 'A card or visitor pass was presented at an online gate; answer with gate-open or gate-deny.' })
export type AccessRequestEvent = z.infer<typeof accessRequestEventSchema>

/**
 * A decision the gate took alone while offline, replayed later with its
 * original eventId and ts; enters the access log once, marked offline.
 */
export const offlineDecisionEventSchema = z.object({
  ...eventBase,
  credential: credentialSchema,
  reader: readerSchema,
  direction: directionSchema,
  decision: z.discriminatedUnion('result', [
    z.object({ result: z.literal('allow') }),
    z.object({ result: z.literal('deny'), reason: gateDenyReasonSchema })
  ]),
  /** The allow-list version the gate decided with. */
  allowListVersion: z.number().int().min(0).max(2_147_483_647),
  /** Whether the gate's clock was synced by the backend when it decided. */
  clockSynced: z.boolean(),
  /** For a pass: the uses the gate had counted before this one. */
  passUsesBefore: z.number().int().min(0).max(1_000).optional(),
  /**
   * The access request this decision replaces: the gate asked online first and decided alone
   * because the answer did not come in time. The backend then keeps this decision, not its
   * answer to the request (docs/protocol.md "Offline decisions replayed later").
   */
  requestEventId: eventIdSchema.optional()
}).meta({ id: 'GateOfflineDecision', description: 'An access decision a gate took offline, replayed later.' })
export type OfflineDecisionEvent = z.infer<typeof offlineDecisionEventSchema>

export const doorAlarmEventSchema = z.object({
  ...eventBase,
  alarm: z.enum(['held-open', 'forced']),
  state: z.enum(['raised', 'cleared']),
  /** held-open: how long the door has been open, in seconds. */
  openForS: z.number().int().min(0).max(604_800).optional(),
  detail: deviceTextSchema(200).optional()
}).meta({ id: 'GateDoorAlarm', description: 'The door was held open beyond the gate\'s limit, or opened without a grant (forced).' })
export type DoorAlarmEvent = z.infer<typeof doorAlarmEventSchema>

// ---------------------------------------------------------------- gate commands (down-link)

const commandBase = { cmdId: idSchema, ts: tsSchema }
const versionSchema = z.number().int().min(1).max(2_147_483_647)

export const gateOpenCommandSchema = z.object({
  ...commandBase,
  type: z.literal('gate-open'),
  /** The access request this answers; absent for a remote open by staff. */
  requestEventId: eventIdSchema.optional(),
  reader: readerSchema.optional(),
  /** How long the lock stays released. */
  releaseMs: z.number().int().min(500).max(60_000),
  /** Do not open after this time (a late command must not open an empty doorway). */
  expiresAtMs: tsSchema
}).meta({ id: 'GateOpenCommand' })

export const gateDenyCommandSchema = z.object({
  ...commandBase,
  type: z.literal('gate-deny'),
  requestEventId: eventIdSchema,
  reason: gateDenyReasonSchema,
  message: z.string().max(200)
}).meta({ id: 'GateDenyCommand' })

/** An 8-byte keyed hash of a card uid, as 16 lowercase hex digits (services/gate/allow-list.ts). */
export const cardHashSchema = z.string().regex(/^[0-9a-f]{16}$/, '16 lowercase hex digits')

/** 0 = no time limit, n = the allow-list's schedules[n - 1]. */
const scheduleIndexSchema = z.number().int().min(0).max(255)
export const allowListEntrySchema = z.object({ cardHash: cardHashSchema, schedule: scheduleIndexSchema })
export type AllowListEntry = z.infer<typeof allowListEntrySchema>

/** A site's public key for visitor passes: Ed25519, raw 32 bytes as base64url. */
export const passKeySchema = z.object({ kid: idSchema, publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 bytes, base64url') })
export type PassKey = z.infer<typeof passKeySchema>

export const allowListLimits = { maxEntries: 20_000, maxSchedules: 255, maxRevokedPasses: 2_000, maxPassKeys: 4 } as const

/** Everything a gate needs to decide offline, at one version. */
export const allowListSchema = z.object({
  siteId: idSchema,
  version: versionSchema,
  timeZone: z.string().min(1).max(64),
  holidays: holidaysSchema,
  schedules: z.array(accessScheduleSchema).max(allowListLimits.maxSchedules),
  passKeys: z.array(passKeySchema).max(allowListLimits.maxPassKeys),
  revokedPasses: z.array(idSchema).max(allowListLimits.maxRevokedPasses),
  /** Sorted by cardHash, unique. */
  entries: z.array(allowListEntrySchema).max(allowListLimits.maxEntries)
}).meta({ id: 'AllowList' })
export type AllowList = z.infer<typeof allowListSchema>

/** The whole list as its binary flash image, base64url (format in docs/gate.md). */
export const allowListFullCommandSchema = z.object({
  ...commandBase,
  type: z.literal('allow-list-full'),
  version: versionSchema,
  image: z.string().max(300_000).regex(/^[A-Za-z0-9_-]*$/, 'base64url')
}).meta({ id: 'AllowListFullCommand' })

/**
 * From baseVersion to version. The header parts (schedules, holidays, keys,
 * revoked passes) are small and sent whole when they changed. A gate whose
 * list is not at baseVersion acks with ok=false and gets the full list.
 */
export const allowListDeltaSchema = z.object({
  siteId: idSchema,
  baseVersion: versionSchema,
  version: versionSchema,
  added: z.array(allowListEntrySchema).max(allowListLimits.maxEntries),
  changed: z.array(allowListEntrySchema).max(allowListLimits.maxEntries),
  removed: z.array(cardHashSchema).max(allowListLimits.maxEntries),
  header: allowListSchema.pick({ timeZone: true, holidays: true, schedules: true, passKeys: true, revokedPasses: true }).partial()
}).refine(d => d.version > d.baseVersion, { message: 'version must be after baseVersion', path: ['version'] })
export type AllowListDelta = z.infer<typeof allowListDeltaSchema>

export const allowListDeltaCommandSchema = z.object({
  ...commandBase,
  type: z.literal('allow-list-delta'),
  delta: allowListDeltaSchema
}).meta({ id: 'AllowListDeltaCommand' })

/** The backend is the gate's clock: sent on connect and periodically; until then the gate's clock is untrusted. */
export const timeSyncCommandSchema = z.object({
  ...commandBase,
  type: z.literal('time-sync'),
  serverTimeMs: tsSchema,
  timeZone: z.string().min(1).max(64)
}).meta({ id: 'TimeSyncCommand' })

/**
 * The gate's own settings, sent on every connect: the directions its readers
 * serve, how long it releases the lock, and the site's card-hash salt (keep it
 * apart from the list, e.g. in a secure element: docs/gate.md §2).
 */
export const gateConfigCommandSchema = z.object({
  ...commandBase,
  type: z.literal('gate-config'),
  directions: z.array(directionSchema).min(1).max(2),
  releaseMs: z.number().int().min(500).max(60_000),
  cardHashSalt: z.string().regex(/^(?:[0-9a-f]{2}){16,64}$/, '16–64 bytes as lowercase hex')
}).meta({ id: 'GateConfigCommand' })

export const gateCommandSchema = z.discriminatedUnion('type', [
  gateOpenCommandSchema, gateDenyCommandSchema, allowListFullCommandSchema, allowListDeltaCommandSchema, timeSyncCommandSchema, gateConfigCommandSchema
]).meta({ id: 'GateCommand', description: 'A command to a gate; acknowledge with a command-ack event.' })
export type GateCommand = z.infer<typeof gateCommandSchema>

// ---------------------------------------------------------------- visitor pass claims

/** The signed claims of a visitor pass (encoding in services/gate/visitor-pass.ts, docs/gate.md). */
export const visitorPassClaimsSchema = z.object({
  v: z.literal(1),
  kid: idSchema,
  site: idSchema,
  pass: idSchema,
  gates: z.array(idSchema).min(1).max(32),
  /** Valid from (inclusive) and until (exclusive), Unix seconds. */
  nbf: z.number().int().min(0).max(8_640_000_000),
  exp: z.number().int().min(0).max(8_640_000_000),
  uses: z.number().int().min(1).max(1_000)
}).refine(c => c.nbf < c.exp, { message: 'nbf must be before exp', path: ['exp'] })
  .refine(c => new Set(c.gates).size === c.gates.length, 'gates must be unique')
  .meta({ id: 'VisitorPassClaims' })
export type VisitorPassClaims = z.infer<typeof visitorPassClaimsSchema>
