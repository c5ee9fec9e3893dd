// Kysely table types of resident accounts (migration 0108, docs/residents.md).
// services/store/database.ts joins every domain's tables into one Database.
import type { Selectable } from 'kysely'

export interface ResidentsTable {
  id: string
  household_id: string
  /** The household's site, copied so that site checks need no join. */
  site_id: string
  /** As the resident types it at sign-in (digits, optional leading +). */
  phone: string
  name: string | null
  /** scrypt$N$r$p$salt$hash (services/devices/scrypt-hash.ts). */
  password_hash: string
  active: number
  /** The staff member who made the invitation it was activated from. */
  invited_by: string
  created_at_ms: number
  deactivated_at_ms: number | null
  deactivated_by: string | null
  /** The phone while active, NULL after: unique, so one phone has one active account. */
  active_phone: string | null
}

export interface ResidentInvitationsTable {
  id: string
  household_id: string
  site_id: string
  phone: string
  name: string | null
  /** scrypt of the activation code: it is short, so a fast hash would be guessed offline. */
  code_hash: string
  /** Wrong codes typed for it; at the limit it is void. */
  failed_attempts: number
  created_by: string
  created_at_ms: number
  expires_at_ms: number
  used_at_ms: number | null
  resident_id: string | null
}

export interface ResidentTokensTable {
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  id_hash: string
  resident_id: string
  created_at_ms: number
  expires_at_ms: number
}

export interface ResidentSignInFailuresTable {
  phone: string
  failures: number
  window_started_at_ms: number
}

export interface ResidentPassLimitsTable {
  site_id: string
  max_active_passes: number
  max_window_ms: number
  max_uses: number
  /** JSON array of gate ids residents may include; NULL: every gate of the site. */
  gates: string | null
  updated_by: string
  updated_at_ms: number
}

export interface ResidentPassesTable {
  pass_id: string
  household_id: string
  resident_id: string
}

export interface ResidentChargingSessionsTable {
  session_id: string
  resident_id: string
}

export interface ResidentTables {
  residents: ResidentsTable
  resident_invitations: ResidentInvitationsTable
  resident_tokens: ResidentTokensTable
  resident_sign_in_failures: ResidentSignInFailuresTable
  resident_pass_limits: ResidentPassLimitsTable
  resident_passes: ResidentPassesTable
  resident_charging_sessions: ResidentChargingSessionsTable
}

export type Resident = Selectable<ResidentsTable>
export type ResidentInvitation = Selectable<ResidentInvitationsTable>
