// Charging piles paid with kiosk points (issue #11, services/charging/, docs/charging.md):
// - households.held_points: points reserved by open holds. The counter may redeem only
//   balance − held; a CHECK keeps the held part within 0 … balance on both stores.
// - point_holds: one row per hold, closed once (settled or released) with what was charged and
//   what was released, and why.
// - charging_tariffs: versioned tariffs per site (scope '') or per pile (scope = device id),
//   with the limits and hold sizes that go with them.
// - charging_sessions: one row per session; `active_port_key` is `{device}:{port}` while the
//   session may still draw power and null after, so one port has one live session (unique,
//   NULLs unconstrained, as the alarms' open_key); `state` is the pure core's session (JSON).
// - charging_meter_values: the meter curve, one row per (session, seq).
import { sql, type Kysely, type Migration } from 'kysely'
import { ms, sqlCheck } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.alterTable('households')
      .addColumn('held_points', 'integer', c => c.notNull().defaultTo(0).check(sqlCheck('held_points >= 0 and held_points <= balance_points')))
      .execute()

    await db.schema.createTable('point_holds')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('household_id', 'text', c => c.notNull().references('households.id'))
      .addColumn('site_id', 'text', c => c.notNull())
      .addColumn('points', 'integer', c => c.notNull().check(sqlCheck('points > 0')))
      .addColumn('status', 'text', c => c.notNull())
      .addColumn('ref_type', 'text', c => c.notNull())
      .addColumn('ref_id', 'text', c => c.notNull())
      .addColumn('placed_at_ms', ms, c => c.notNull())
      .addColumn('closed_at_ms', ms)
      .addColumn('charged_points', 'integer')
      .addColumn('released_points', 'integer')
      .addColumn('close_reason', 'text')
      .addColumn('charge_entry_id', 'text')
      .execute()
    await db.schema.createIndex('point_holds_household').on('point_holds').columns(['household_id', 'placed_at_ms']).execute()
    await db.schema.createIndex('point_holds_status').on('point_holds').columns(['status', 'placed_at_ms']).execute()

    await db.schema.createTable('charging_tariffs')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('site_id', 'text', c => c.notNull().references('sites.id'))
      .addColumn('scope', 'text', c => c.notNull())
      .addColumn('version', 'integer', c => c.notNull())
      .addColumn('tariff', 'text', c => c.notNull())
      .addColumn('limits', 'text', c => c.notNull())
      .addColumn('hold_default_points', 'integer', c => c.notNull())
      .addColumn('hold_max_points', 'integer', c => c.notNull())
      .addColumn('created_by', 'text', c => c.notNull())
      .addColumn('created_at_ms', ms, c => c.notNull())
      .addUniqueConstraint('charging_tariffs_version', ['site_id', 'scope', 'version'])
      .execute()

    await db.schema.createTable('charging_sessions')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('site_id', 'text', c => c.notNull())
      .addColumn('device_id', 'text', c => c.notNull().references('devices.id'))
      .addColumn('port', 'integer', c => c.notNull())
      .addColumn('household_id', 'text', c => c.notNull().references('households.id'))
      .addColumn('card_uid', 'text')
      .addColumn('started_by', 'text', c => c.notNull())
      .addColumn('staff_id', 'text')
      .addColumn('status', 'text', c => c.notNull())
      .addColumn('active_port_key', 'text', c => c.unique())
      .addColumn('tariff_id', 'text', c => c.notNull())
      .addColumn('hold_id', 'text', c => c.notNull())
      .addColumn('hold_points', 'integer', c => c.notNull())
      .addColumn('start_cmd_id', 'text', c => c.notNull())
      .addColumn('state', 'text', c => c.notNull())
      .addColumn('cost_points', 'integer')
      .addColumn('charged_points', 'integer')
      .addColumn('last_power_w', 'integer')
      .addColumn('end_reason', 'text')
      .addColumn('created_at_ms', ms, c => c.notNull())
      .addColumn('last_heard_at_ms', ms, c => c.notNull())
      .addColumn('ended_at_ms', ms)
      .execute()
    await db.schema.createIndex('charging_sessions_household').on('charging_sessions').columns(['household_id', 'created_at_ms']).execute()
    await db.schema.createIndex('charging_sessions_pile').on('charging_sessions').columns(['device_id', 'created_at_ms']).execute()
    await db.schema.createIndex('charging_sessions_start_cmd').on('charging_sessions').column('start_cmd_id').execute()
    await db.schema.createIndex('charging_sessions_status').on('charging_sessions').columns(['status', 'last_heard_at_ms']).execute()

    await db.schema.createTable('charging_meter_values')
      .addColumn('session_id', 'text', c => c.notNull().references('charging_sessions.id'))
      .addColumn('seq', 'integer', c => c.notNull())
      .addColumn('device_ts', ms, c => c.notNull())
      .addColumn('energy_wh', 'integer', c => c.notNull())
      .addColumn('power_w', 'integer', c => c.notNull())
      .addColumn('voltage_v', sql`double precision`, c => c.notNull())
      .addColumn('temperature_c', sql`double precision`)
      .addColumn('received_at_ms', ms, c => c.notNull())
      .addPrimaryKeyConstraint('charging_meter_values_pk', ['session_id', 'seq'])
      .execute()
  }
}
