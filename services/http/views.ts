// Store rows → the camelCase shapes of schemas/http.ts. The only place that
// knows both spellings; secrets and token hashes never get here.
import type { z } from 'zod'
import type * as api from '../../schemas/http.ts'
import type { SiteWithRates } from '../sites/site-registry.ts'
import type { AdjustmentRequest, Card, DeadLetter, Device, DeviceAuthFailure, Household, LedgerEntry, Redemption, ReviewItem, ShopItem } from '../store/database.ts'
import type { StaffAccount } from '../staff/staff.ts'

type Out<S extends z.ZodType> = z.output<S>

function parseJson (text: string | null): unknown {
  if (text == null) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export const siteView = (s: SiteWithRates): Out<typeof api.siteSchema> =>
  ({ id: s.id, name: s.name, timezone: s.timezone, rateTable: s.rateTable, createdAtMs: s.created_at_ms })

export const deviceView = (d: Omit<Device, 'secret_hash'>, failure?: DeviceAuthFailure): Out<typeof api.deviceSchema> => ({
  id: d.id, siteId: d.site_id, kind: d.kind, name: d.name, status: d.status, online: d.online === 1,
  lastSeenAtMs: d.last_seen_at_ms, lastStatus: parseJson(d.last_status), createdAtMs: d.created_at_ms,
  lastAuthFailure: failure == null ? null : { atMs: failure.failed_at_ms, reason: failure.reason, remoteAddress: failure.remote_address, failures: failure.failures }
})

export const deadLetterView = (d: DeadLetter): Out<typeof api.deadLetterSchema> => ({
  id: d.id, deviceId: d.device_id, topic: d.topic, eventId: d.event_id, code: d.code, reason: d.reason, payload: d.payload, payloadEncoding: d.payload_encoding, receivedAtMs: d.received_at_ms
})

export const householdView = (h: Household): Out<typeof api.householdSchema> =>
  ({ id: h.id, siteId: h.site_id, label: h.label, status: h.status, balancePoints: h.balance_points, heldPoints: h.held_points, availablePoints: h.balance_points - h.held_points, createdAtMs: h.created_at_ms })

export const cardView = (c: Card): Out<typeof api.cardSchema> =>
  ({ uid: c.uid, householdId: c.household_id, siteId: c.site_id, status: c.status, createdAtMs: c.created_at_ms, updatedAtMs: c.updated_at_ms })

export const entryView = (e: LedgerEntry): Out<typeof api.ledgerEntrySchema> => ({
  id: e.id, householdId: e.household_id, siteId: e.site_id, kind: e.kind, points: e.points, balanceAfter: e.balance_after,
  refType: e.ref_type, refId: e.ref_id, reason: e.reason, staffId: e.staff_id, approvedBy: e.approved_by, createdAtMs: e.created_at_ms
})

export const shopItemView = (i: ShopItem): Out<typeof api.shopItemSchema> =>
  ({ id: i.id, siteId: i.site_id, name: i.name, pricePoints: i.price_points, stock: i.stock, active: i.active === 1, createdAtMs: i.created_at_ms })

export const redemptionView = (r: Redemption): Out<typeof api.redemptionSchema> => ({
  id: r.id, householdId: r.household_id, siteId: r.site_id, kind: r.kind, itemId: r.item_id, quantity: r.quantity, points: r.points,
  entryId: r.entry_id, staffId: r.staff_id, createdAtMs: r.created_at_ms, reversedEntryId: r.reversed_entry_id
})

export const adjustmentView = (a: AdjustmentRequest): Out<typeof api.adjustmentSchema> => ({
  id: a.id, householdId: a.household_id, siteId: a.site_id, points: a.points, reason: a.reason, requestedBy: a.requested_by,
  status: a.status, decidedBy: a.decided_by, decidedAtMs: a.decided_at_ms, entryId: a.entry_id, createdAtMs: a.created_at_ms
})

export const reviewItemView = (r: ReviewItem): Out<typeof api.reviewItemSchema> => ({
  id: r.id, depositId: r.deposit_id, householdId: r.household_id, siteId: r.site_id, reasons: parseJson(r.reasons),
  pointsComputed: r.points_computed, status: r.status, decidedBy: r.decided_by, decidedAtMs: r.decided_at_ms, entryId: r.entry_id, createdAtMs: r.created_at_ms
})

export const staffView = (s: StaffAccount): Out<typeof api.staffSchema> =>
  ({ id: s.id, username: s.username, name: s.name, role: s.role, siteId: s.site_id, active: s.active === 1, createdAtMs: s.created_at_ms })
