// Resident accounts (services/residents/, docs/residents.md): residents bound to a
// household sign in on their phone with a password. Invitations carry a one-time
// activation code the counter hands over (stored as scrypt); bearer tokens are
// stored as their SHA-256; failed sign-ins are counted per phone. Passes and
// charging sessions a resident started are linked in tables of their own, so the
// gate and charging tables stay as they were.
import type { Kysely, Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.createTable('residents')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('household_id', 'text', c => c.notNull().references('households.id'))
      .addColumn('site_id', 'text', c => c.notNull().references('sites.id'))
      .addColumn('phone', 'text', c => c.notNull())
      .addColumn('name', 'text')
      .addColumn('password_hash', 'text', c => c.notNull())
      .addColumn('active', 'integer', c => c.notNull())
      .addColumn('invited_by', 'text', c => c.notNull())
      .addColumn('created_at_ms', ms, c => c.notNull())
      .addColumn('deactivated_at_ms', ms)
      .addColumn('deactivated_by', 'text')
      // one active account per phone: NULL once deactivated, so the phone may be invited again
      .addColumn('active_phone', 'text', c => c.unique())
      .execute()
    await db.schema.createIndex('residents_household').on('residents').column('household_id').execute()

    await db.schema.createTable('resident_invitations')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('household_id', 'text', c => c.notNull().references('households.id'))
      .addColumn('site_id', 'text', c => c.notNull().references('sites.id'))
      .addColumn('phone', 'text', c => c.notNull())
      .addColumn('name', 'text')
      .addColumn('code_hash', 'text', c => c.notNull())
      .addColumn('failed_attempts', 'integer', c => c.notNull())
      .addColumn('created_by', 'text', c => c.notNull())
      .addColumn('created_at_ms', ms, c => c.notNull())
      .addColumn('expires_at_ms', ms, c => c.notNull())
      .addColumn('used_at_ms', ms)
      .addColumn('resident_id', 'text')
      .execute()
    await db.schema.createIndex('resident_invitations_phone').on('resident_invitations').columns(['phone', 'created_at_ms']).execute()

    await db.schema.createTable('resident_tokens')
      .addColumn('id_hash', 'text', c => c.primaryKey())
      .addColumn('resident_id', 'text', c => c.notNull().references('residents.id'))
      .addColumn('created_at_ms', ms, c => c.notNull())
      .addColumn('expires_at_ms', ms, c => c.notNull())
      .execute()
    await db.schema.createIndex('resident_tokens_resident').on('resident_tokens').column('resident_id').execute()

    await db.schema.createTable('resident_sign_in_failures')
      .addColumn('phone', 'text', c => c.primaryKey())
      .addColumn('failures', 'integer', c => c.notNull())
      .addColumn('window_started_at_ms', ms, c => c.notNull())
      .execute()

    await db.schema.createTable('resident_pass_limits')
      .addColumn('site_id', 'text', c => c.primaryKey().references('sites.id'))
      .addColumn('max_active_passes', 'integer', c => c.notNull())
      .addColumn('max_window_ms', ms, c => c.notNull())
      .addColumn('max_uses', 'integer', c => c.notNull())
      .addColumn('gates', 'text')
      .addColumn('updated_by', 'text', c => c.notNull())
      .addColumn('updated_at_ms', ms, c => c.notNull())
      .execute()

    await db.schema.createTable('resident_passes')
      .addColumn('pass_id', 'text', c => c.primaryKey().references('visitor_passes.id'))
      .addColumn('household_id', 'text', c => c.notNull().references('households.id'))
      .addColumn('resident_id', 'text', c => c.notNull().references('residents.id'))
      .execute()
    await db.schema.createIndex('resident_passes_household').on('resident_passes').column('household_id').execute()

    await db.schema.createTable('resident_charging_sessions')
      .addColumn('session_id', 'text', c => c.primaryKey().references('charging_sessions.id'))
      .addColumn('resident_id', 'text', c => c.notNull().references('residents.id'))
      .execute()
  }
}
