// An offline decision names the access request it replaces (the gate asked
// online, the answer came too late, the gate decided alone): the access log
// keeps the decision, with the request's eventId, in place of the request's
// own row (services/gate/replaced-request.ts). Looked up by gate and request,
// from either side: whichever of the two events arrives second finds the other.
import { sql, type Kysely, type Migration } from 'kysely'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.alterTable('access_log').addColumn('request_event_id', 'text').execute()
    await db.schema.createIndex('access_log_request_event').on('access_log').columns(['gate_id', 'request_event_id'])
      .where(sql.ref('request_event_id'), 'is not', null).execute()
  }
}
