// Commands recorded by one process for a device connected to another
// (services/devices/command-relay.ts): a marker per command until the node
// holding the connection has sent it. Rows live seconds; the index on age
// lets every node's pass drop the stale ones without reading the rest.
import type { Kysely, Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.createTable('command_relay')
      .addColumn('cmd_id', 'text', c => c.primaryKey())
      .addColumn('device_id', 'text', c => c.notNull())
      .addColumn('created_at_ms', ms, c => c.notNull())
      .execute()
    await db.schema.createIndex('command_relay_created').on('command_relay').columns(['created_at_ms']).execute()
  }
}
