// The staff/counter HTTP contract: every body, query, params and response.
// Requests and responses are camelCase; points are integers (1 point = 1 fen).
import { z } from 'zod'
import { cardUidSchema, idSchema } from './common.ts'
import { rateTableSchema } from './rate-table.ts'

const points = z.number().int().min(-1_000_000_000).max(1_000_000_000)
const positivePoints = z.number().int().min(1).max(1_000_000_000)
const timeMs = z.number().int()
const text = (max: number) => z.string().trim().min(1).max(max)

export const staffRoles = ['counter', 'manager', 'admin'] as const
export const staffRoleSchema = z.enum(staffRoles)

// ---- errors -----------------------------------------------------------------

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional()
  })
}).meta({ id: 'ErrorBody' })
export type ErrorBody = z.infer<typeof errorBodySchema>

// ---- params and queries -----------------------------------------------------

export const siteParamsSchema = z.object({ siteId: idSchema })
export const deviceParamsSchema = z.object({ deviceId: idSchema })
export const idParamsSchema = z.object({ id: idSchema })
export const cardParamsSchema = z.object({ uid: cardUidSchema })
export const entryParamsSchema = z.object({ entryId: idSchema })

const limit = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt)

export const deadLettersQuerySchema = z.object({ limit: limit(500, 50) })
export const householdLookupQuerySchema = z.object({
  siteId: idSchema.optional(),
  /** Prefix of the building-unit-room label, e.g. "3-2-" or "3-2-501". */
  label: z.string().min(1).max(64).optional(),
  limit: limit(200, 50)
})
export const ledgerQuerySchema = z.object({ limit: limit(200, 50), before: idSchema.optional() })
export const decisionStatusSchema = z.enum(['pending', 'approved', 'rejected'])
export const adjustmentsQuerySchema = z.object({ status: decisionStatusSchema.default('pending'), siteId: idSchema.optional(), limit: limit(500, 100) })
export const reviewItemsQuerySchema = z.object({ status: decisionStatusSchema.default('pending'), siteId: idSchema.optional(), limit: limit(500, 100) })
export const shopItemsQuerySchema = z.object({ includeInactive: z.stringbool().default(false) })

/**
 * Header schema for POST /api/redemptions: the key is required (and the OpenAPI document says
 * so); a request without it gets 400 IDEMPOTENCY_KEY_REQUIRED (services/http/error-handler.ts).
 */
export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .describe('client-chosen key, unique per redemption and staff member; a retry reuses it')
})

// ---- entities ---------------------------------------------------------------

export const siteSchema = z.object({
  id: z.string(), name: z.string(), timezone: z.string(), rateTable: rateTableSchema, createdAtMs: timeMs
}).meta({ id: 'Site' })

export const deviceSchema = z.object({
  id: z.string(), siteId: z.string(), kind: z.enum(['kiosk', 'gate', 'charger']), name: z.string(),
  status: z.enum(['active', 'disabled']), online: z.boolean(), lastSeenAtMs: timeMs.nullable(),
  lastStatus: z.unknown().describe('last status report (JSON) or null'), createdAtMs: timeMs,
  lastAuthFailure: z.object({
    atMs: timeMs, reason: z.string().describe('bad-secret, disabled, throttled …'), remoteAddress: z.string().nullable(),
    failures: z.number().int().describe('failed authentications recorded so far')
  }).nullable().describe('the last failed MQTT authentication for this device id, or null')
}).meta({ id: 'Device' })

export const deadLetterSchema = z.object({
  id: z.string(), deviceId: z.string(), topic: z.string(), eventId: z.string().nullable(), code: z.string(),
  reason: z.string(), payload: z.string().describe('the payload as sent, in payloadEncoding'),
  payloadEncoding: z.enum(['utf8', 'base64']).describe('utf8: the payload was text; base64: it held bytes that are not storable text (invalid UTF-8, U+0000)'),
  receivedAtMs: timeMs
}).meta({ id: 'DeadLetter' })

export const householdSchema = z.object({
  id: z.string(), siteId: z.string(), label: z.string(), status: z.enum(['active', 'inactive']),
  balancePoints: z.number().int(),
  heldPoints: z.number().int().describe('held for charging sessions: part of the balance, not redeemable until settled'),
  availablePoints: z.number().int().describe('balancePoints − heldPoints: what the counter may redeem'),
  createdAtMs: timeMs
}).meta({ id: 'Household' })

export const cardSchema = z.object({
  uid: z.string(), householdId: z.string().nullable(), siteId: z.string(),
  status: z.enum(['active', 'lost', 'blocked', 'unlinked']), createdAtMs: timeMs, updatedAtMs: timeMs
}).meta({ id: 'Card' })

export const ledgerEntrySchema = z.object({
  id: z.string(), householdId: z.string(), siteId: z.string(), kind: z.enum(['earn', 'redeem', 'reverse', 'adjust', 'charge', 'refund']),
  points: z.number().int(), balanceAfter: z.number().int(), refType: z.string().nullable(), refId: z.string().nullable(),
  reason: z.string().nullable(), staffId: z.string().nullable(), approvedBy: z.string().nullable(), createdAtMs: timeMs
}).meta({ id: 'LedgerEntry' })

export const shopItemSchema = z.object({
  id: z.string(), siteId: z.string(), name: z.string(), pricePoints: z.number().int(), stock: z.number().int(),
  active: z.boolean(), createdAtMs: timeMs
}).meta({ id: 'ShopItem' })

export const redemptionSchema = z.object({
  id: z.string(), householdId: z.string(), siteId: z.string(), kind: z.enum(['cash', 'item']), itemId: z.string().nullable(),
  quantity: z.number().int(), points: z.number().int().describe('points taken (positive)'), entryId: z.string(),
  staffId: z.string(), createdAtMs: timeMs, reversedEntryId: z.string().nullable()
}).meta({ id: 'Redemption' })

export const adjustmentSchema = z.object({
  id: z.string(), householdId: z.string(), siteId: z.string(), points: z.number().int(), reason: z.string(),
  requestedBy: z.string(), status: decisionStatusSchema, decidedBy: z.string().nullable(), decidedAtMs: timeMs.nullable(),
  entryId: z.string().nullable(), createdAtMs: timeMs
}).meta({ id: 'Adjustment' })

export const reviewItemSchema = z.object({
  id: z.string(), depositId: z.string(), householdId: z.string(), siteId: z.string(),
  reasons: z.unknown().describe('why the deposit looked implausible (JSON)'), pointsComputed: z.number().int(),
  status: decisionStatusSchema, decidedBy: z.string().nullable(), decidedAtMs: timeMs.nullable(),
  entryId: z.string().nullable(), createdAtMs: timeMs
}).meta({ id: 'ReviewItem' })

export const staffSchema = z.object({
  id: z.string(), username: z.string(), name: z.string(), role: staffRoleSchema, siteId: z.string().nullable(),
  active: z.boolean(), createdAtMs: timeMs
}).meta({ id: 'Staff' })

// ---- bodies -----------------------------------------------------------------

export const createSiteBodySchema = z.object({
  id: idSchema.optional(), name: text(100), timezone: z.string().min(1).max(64).optional(), rateTable: rateTableSchema.optional()
}).meta({ id: 'CreateSite' })

export const createDeviceBodySchema = z.object({
  id: idSchema, kind: z.enum(['kiosk', 'gate', 'charger']), name: text(100).optional()
}).meta({ id: 'CreateDevice' })
export const provisionedDeviceSchema = z.object({
  device: deviceSchema, secret: z.string().describe('shown once; store it in the device')
}).meta({ id: 'ProvisionedDevice' })

export const rotatedSecretSchema = z.object({
  device: deviceSchema, secret: z.string().describe('the new secret, shown once; the old one no longer works')
}).meta({ id: 'RotatedSecret' })

export const createHouseholdBodySchema = z.object({ label: text(64) }).meta({ id: 'CreateHousehold' })
export const householdViewSchema = z.object({
  household: householdSchema, cards: z.array(cardSchema), balancePoints: z.number().int(),
  heldPoints: z.number().int(), availablePoints: z.number().int()
}).meta({ id: 'HouseholdView' })

export const linkCardBodySchema = z.object({ uid: cardUidSchema }).meta({ id: 'LinkCard' })
export const cardViewSchema = z.object({
  card: cardSchema, household: householdSchema.nullable(), balancePoints: z.number().int().nullable()
}).meta({ id: 'CardView' })

export const ledgerPageSchema = z.object({
  entries: z.array(ledgerEntrySchema), nextBefore: z.string().nullable(), balancePoints: z.number().int()
}).meta({ id: 'LedgerPage' })

export const createShopItemBodySchema = z.object({
  name: text(100), pricePoints: positivePoints, stock: z.number().int().min(0).max(1_000_000)
}).meta({ id: 'CreateShopItem' })
export const updateShopItemBodySchema = z.object({
  stock: z.number().int().min(0).max(1_000_000).optional(), pricePoints: positivePoints.optional(), active: z.boolean().optional(), name: text(100).optional()
}).refine(b => Object.keys(b).length > 0, 'give at least one field to change').meta({ id: 'UpdateShopItem' })

const redemptionTarget = z.object({ householdId: idSchema.optional(), cardUid: cardUidSchema.optional() })
export const redemptionBodySchema = z.discriminatedUnion('kind', [
  redemptionTarget.extend({ kind: z.literal('cash'), points: positivePoints.describe('points paid out; 1 point = 1 fen') }).strict(),
  redemptionTarget.extend({ kind: z.literal('item'), itemId: idSchema, quantity: z.number().int().min(1).max(1000).default(1) }).strict()
]).refine(b => (b.householdId == null) !== (b.cardUid == null), { message: 'give exactly one of householdId and cardUid', path: ['householdId'] })
  .meta({ id: 'RedemptionRequest' })
export type RedemptionBody = z.infer<typeof redemptionBodySchema>

export const redemptionResultSchema = z.object({
  redemption: redemptionSchema, entry: ledgerEntrySchema, balancePoints: z.number().int(), receipt: z.string()
}).meta({ id: 'RedemptionResult' })

export const reverseBodySchema = z.object({ reason: text(500) }).meta({ id: 'ReverseEntry' })
export const reversalResultSchema = z.object({
  entry: ledgerEntrySchema, balancePoints: z.number().int(), restoredStock: z.number().int().describe('items put back on the shelf (0 unless an item redemption)')
}).meta({ id: 'ReversalResult' })

export const createAdjustmentBodySchema = z.object({
  householdId: idSchema, points: points.refine(p => p !== 0, 'points must not be 0'), reason: text(500)
}).meta({ id: 'CreateAdjustment' })
export const adjustmentDecisionSchema = z.object({
  adjustment: adjustmentSchema, entry: ledgerEntrySchema.nullable(), balancePoints: z.number().int()
}).meta({ id: 'AdjustmentDecision' })

export const reviewDecisionSchema = z.object({
  reviewItem: reviewItemSchema, entry: ledgerEntrySchema.nullable(),
  pointsCredited: z.number().int().describe('points actually credited after the daily cap'), balancePoints: z.number().int()
}).meta({ id: 'ReviewDecision' })

export const createStaffBodySchema = z.object({
  username: z.string().min(2).max(64).regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, . _ -'),
  name: text(100), role: staffRoleSchema, siteId: idSchema.nullable().optional()
}).meta({ id: 'CreateStaff' })
export const createdStaffSchema = z.object({ staff: staffSchema, token: z.string().describe('shown once') }).meta({ id: 'CreatedStaff' })

export const healthSchema = z.looseObject({ status: z.literal('ok') })
export const readySchema = z.object({ status: z.enum(['ready', 'unavailable']) })
