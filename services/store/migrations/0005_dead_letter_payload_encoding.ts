// A dead letter stores any byte sequence (services/ingest/storable-text.ts): payloads that are
// not text without U+0000 are kept as base64, and this column says which.
import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.alterTable('dead_letters').addColumn('payload_encoding', 'text', c => c.notNull().defaultTo('utf8')).execute()
  }
}
