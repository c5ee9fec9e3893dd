// device_events, the once-only record of applied device events, in
// precompiled statements. The insert comes first and does nothing for an
// eventId the device used before: that is the replay check, with no SELECT on
// the normal path. The handler's summary is written once it is known.
import type { EventType } from '../../schemas/topics.ts'
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'

export interface EventRecord { deviceId: string, eventId: string, type: EventType, deviceTs: number, receivedAtMs: number, payloadHash: string }

const insert = prepare<EventRecord>((db, p) => db.insertInto('device_events').values({
  device_id: p.deviceId, event_id: p.eventId, type: p.type, device_ts: p.deviceTs, received_at_ms: p.receivedAtMs, payload_hash: p.payloadHash, outcome: '{}'
}).onConflict(oc => oc.columns(['device_id', 'event_id']).doNothing()))
const find = prepare<{ deviceId: string, eventId: string }, { payload_hash: string, type: EventType }>((db, p) => db.selectFrom('device_events')
  .select(['payload_hash', 'type']).where('device_id', '=', p.deviceId).where('event_id', '=', p.eventId))
const setOutcome = prepare<{ deviceId: string, eventId: string, outcome: string }>((db, p) => db.updateTable('device_events')
  .set({ outcome: p.outcome }).where('device_id', '=', p.deviceId).where('event_id', '=', p.eventId))
const forget = prepare<{ deviceId: string, eventId: string }>((db, p) => db.deleteFrom('device_events')
  .where('device_id', '=', p.deviceId).where('event_id', '=', p.eventId))

/** Records the event; when the device used its eventId before, returns that event's hash and type instead. */
export async function recordEvent (db: Executor, e: EventRecord): Promise<{ payload_hash: string, type: EventType } | undefined> {
  if (await insert.affected(db, e) === 1) return undefined
  return find.first(db, e)
}

export async function recordOutcome (db: Executor, deviceId: string, eventId: string, summary: Record<string, unknown>): Promise<void> {
  await setOutcome.run(db, { deviceId, eventId, outcome: JSON.stringify(summary) })
}

/** Takes back the record of an event its handler refused: it is dead-lettered, not applied. */
export async function forgetEvent (db: Executor, deviceId: string, eventId: string): Promise<void> {
  await forget.run(db, { deviceId, eventId })
}
