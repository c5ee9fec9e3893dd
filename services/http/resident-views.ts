// Resident rows → the camelCase shapes of schemas/http-residents.ts. Never the
// password or code hash.
import type { ResidentInvitation, Resident } from '../residents/tables.ts'
import type { StoredPassLimits } from '../residents/pass-limits.ts'

export const residentView = (r: Resident) => ({
  id: r.id, householdId: r.household_id, siteId: r.site_id, phone: r.phone, name: r.name, active: r.active === 1,
  invitedBy: r.invited_by, createdAtMs: r.created_at_ms, deactivatedAtMs: r.deactivated_at_ms, deactivatedBy: r.deactivated_by
})

export const invitationView = (i: ResidentInvitation, code: string) => ({
  id: i.id, householdId: i.household_id, phone: i.phone, name: i.name, code, expiresAtMs: i.expires_at_ms, createdBy: i.created_by, createdAtMs: i.created_at_ms
})

export const passLimitsView = (l: StoredPassLimits) => ({
  siteId: l.siteId, maxActivePasses: l.maxActivePasses, maxWindowMs: l.maxWindowMs, maxUses: l.maxUses, gates: l.gates, updatedBy: l.updatedBy, updatedAtMs: l.updatedAtMs
})
