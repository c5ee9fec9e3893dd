// Presence with several backend nodes (services/devices/presence.ts,
// node-heartbeat.ts): each device's online flag names the node holding its
// connection, so one node's restart or late disconnect clears only its own
// devices; and each node's heartbeat, so the devices of a node that died are
// cleared by the others.
import type { Kysely, Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.alterTable('devices').addColumn('online_node', 'text').execute()
    await db.schema.createTable('backend_nodes')
      .addColumn('node_id', 'text', c => c.primaryKey())
      .addColumn('seen_at_ms', ms, c => c.notNull())
      .execute()
  }
}
