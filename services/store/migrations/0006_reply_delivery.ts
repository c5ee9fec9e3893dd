// Delivery that survives a lost reply (docs/protocol.md §6, §7): a command remembers the event
// that caused it, so a replay of that event sends it again while it is pending; an error reply
// stays with its dead letter and is re-sent at each subscribe until the device acks it or it expires.
import type { Kysely, Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.alterTable('commands').addColumn('event_id', 'text').execute()
    await db.schema.createIndex('commands_device_event').on('commands').columns(['device_id', 'event_id']).execute()
    await db.schema.alterTable('dead_letters').addColumn('reply_acked_at_ms', ms).execute()
  }
}
