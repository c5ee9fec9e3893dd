// HTTP contract of residents' phone accounts (services/http/routes/residents.ts
// for staff, services/http/routes/resident-api.ts for the resident's phone;
// docs/residents.md, docs/http-api.md "Residents").
import { z } from 'zod'
import { chargingBounds } from './charging.ts'
import { idSchema } from './common.ts'
import { idempotencyHeadersSchema, householdSchema } from './http.ts'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './web-session.ts'

const timeMs = z.number().int()
const dayMs = 86_400_000

export const phoneSchema = z.string().trim().regex(/^\+?[0-9]{6,20}$/, 'digits, optionally after a +').describe('the resident\'s mobile number as they type it at sign-in')

// ---- staff: invitations, accounts, limits

export const createInvitationBodySchema = z.strictObject({
  phone: phoneSchema,
  name: z.string().trim().min(1).max(100).optional().describe('how the counter knows the resident')
}).meta({ id: 'ResidentInvitationRequest' })

export const invitationSchema = z.object({
  id: z.string(), householdId: z.string(), phone: z.string(), name: z.string().nullable(),
  code: z.string().describe('the one-time activation code (shown once, stored hashed): hand it over at the counter'),
  expiresAtMs: timeMs, createdBy: z.string(), createdAtMs: timeMs
}).meta({ id: 'ResidentInvitation' })

export const residentSchema = z.object({
  id: z.string(), householdId: z.string(), siteId: z.string(), phone: z.string(), name: z.string().nullable(), active: z.boolean(),
  invitedBy: z.string(), createdAtMs: timeMs, deactivatedAtMs: timeMs.nullable(), deactivatedBy: z.string().nullable()
}).meta({ id: 'Resident' })

export const residentParamsSchema = z.object({ residentId: idSchema })

export const passLimitsSchema = z.object({
  maxActivePasses: z.number().int().min(1).max(100).describe('passes of one household usable at once (not revoked, not ended, uses left)'),
  maxWindowMs: z.number().int().min(60_000).max(31 * dayMs).describe('longest validity window of one pass'),
  maxUses: z.number().int().min(1).max(1000).describe('most uses of one pass'),
  gates: z.array(idSchema).min(1).max(64).nullable().describe('gates of the site residents may include; null: every gate of the site')
}).meta({ id: 'ResidentPassLimits' })

export const passLimitsViewSchema = passLimitsSchema.extend({
  siteId: z.string(), updatedBy: z.string().nullable().describe('null: the defaults, never set'), updatedAtMs: timeMs.nullable()
}).meta({ id: 'ResidentPassLimitsView' })

// ---- the resident's phone

export const activateBodySchema = z.strictObject({
  phone: phoneSchema,
  code: z.string().trim().min(1).max(32).describe('as printed (XXXX-XXXX); case, spaces and hyphens do not matter'),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH)
}).meta({ id: 'ResidentActivation' })

export const residentSignInBodySchema = z.strictObject({
  phone: phoneSchema,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH)
}).meta({ id: 'ResidentSignIn' })

export const residentTokenSchema = z.object({
  token: z.string().describe('send as Authorization: Bearer <token> on /api/resident/… routes; shown once'),
  expiresAtMs: timeMs,
  resident: residentSchema
}).meta({ id: 'ResidentToken' })

export const residentMeSchema = z.object({
  resident: residentSchema,
  household: householdSchema.describe('balancePoints, heldPoints (for charging) and availablePoints'),
  site: z.object({ id: z.string(), name: z.string() }),
  passLimits: passLimitsSchema.describe('what this household\'s visitor passes may be')
}).meta({ id: 'ResidentMe' })

export const chargingIdempotencyHeadersSchema = z.looseObject({
  'idempotency-key': idempotencyHeadersSchema.shape['idempotency-key'].describe('client-chosen key, unique per start (per resident or staff member); a retry reuses it')
})

export const residentScanToChargeBodySchema = z.strictObject({
  deviceId: idSchema.describe('the pile, as printed on its QR code'),
  port: z.number().int().min(1).max(chargingBounds.maxPort),
  holdPoints: z.number().int().min(1).max(chargingBounds.maxHoldPoints).optional().describe('points to hold; default the tariff\'s, at most its maximum')
}).meta({ id: 'ResidentScanToCharge' })
export type ResidentScanToChargeBody = z.infer<typeof residentScanToChargeBodySchema>
