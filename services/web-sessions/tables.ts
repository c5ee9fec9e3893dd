// Kysely table types of staff web sign-in: passwords and browser sessions.
// services/store/database.ts joins every domain's tables into one Database.
export interface StaffPasswordsTable {
  staff_id: string
  /** scrypt$N$r$p$salt$hash (services/devices/scrypt-hash.ts). */
  password_hash: string
  updated_at_ms: number
}

export interface StaffWebSessionsTable {
  /** SHA-256 (hex) of the session id the cookie carries; the id itself is never stored. */
  id_hash: string
  staff_id: string
  created_at_ms: number
  /** Moved forward as the session is used (at most once per touch interval): idle expiry counts from it. */
  last_seen_at_ms: number
}

export interface WebSessionTables {
  staff_passwords: StaffPasswordsTable
  staff_web_sessions: StaffWebSessionsTable
}
