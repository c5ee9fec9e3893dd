// Events that cannot apply are acknowledged, stored here with the reason,
// counted, and reported to the device on its errors topic. Rejecting them by
// disconnecting would make a QoS 1 device resend the same bad message forever.
// The error reply stays with its dead letter and is re-sent at every subscribe
// (a device offline at the time still learns why), until the device acks it or
// it expires; only the newest few per device, so a firmware bug that produces
// thousands cannot flood a reconnecting kiosk (docs/protocol.md §7).
import type { DeviceError } from '../../schemas/device-commands.ts'
import type { ErrorCode } from '../../schemas/error-codes.ts'
import { topics } from '../../schemas/topics.ts'
import type { OutgoingMessage } from '../devices/command-delivery.ts'
import { newId } from '../ids.ts'
import type { Kysely } from 'kysely'
import type { DevicePublish } from '../../broker/mqtt-broker.ts'
import type { Database, DeadLetter } from '../store/database.ts'
import type { ProcessedPublish } from './device-event-processor.ts'
import type { Executor } from '../store/executor.ts'
import { storablePayload, storableText } from './storable-text.ts'

const MAX_STORED_PAYLOAD = 4096
/** An error reply is re-sent for this long after its event arrived. */
export const ERROR_REPLY_TTL_MS = 24 * 60 * 60 * 1000
/** At most this many error replies per device are re-sent (the newest). */
export const ERROR_REPLIES_RESENT_MAX = 20

export interface DeadLetterInput {
  deviceId: string
  topic: string
  payload: Buffer
  eventId?: string | undefined
  code: ErrorCode
  reason: string
  receivedAtMs: number
}

/** Stores the dead letter and returns the error reply for the device. */
export async function recordDeadLetter (db: Executor, input: DeadLetterInput): Promise<OutgoingMessage> {
  // every text field may carry bytes the store cannot hold (U+0000 in a topic, a JSON error quoting the payload)
  const payload = storablePayload(input.payload, MAX_STORED_PAYLOAD)
  const topic = storableText(input.topic, 512)
  const reason = storableText(input.reason, 2000)
  const eventId = input.eventId != null ? storableText(input.eventId, 128) : undefined
  const letter = {
    id: newId('dl', input.receivedAtMs),
    device_id: input.deviceId,
    topic,
    event_id: eventId ?? null,
    code: input.code,
    reason,
    received_at_ms: input.receivedAtMs
  }
  await db.insertInto('dead_letters').values({ ...letter, payload: payload.text, payload_encoding: payload.encoding }).execute()
  return errorReply(letter)
}

type ReplyFields = Pick<DeadLetter, 'id' | 'device_id' | 'topic' | 'event_id' | 'code' | 'reason' | 'received_at_ms'>

/** The error reply of a dead letter: the same message at first sending and at every re-send. */
function errorReply (letter: ReplyFields): OutgoingMessage {
  const reply: DeviceError = {
    errorId: letter.id,
    ts: letter.received_at_ms,
    topic: letter.topic,
    code: letter.code as ErrorCode,
    message: letter.reason,
    ...(letter.event_id != null ? { eventId: letter.event_id } : {})
  }
  return { deviceId: letter.device_id, topic: topics.errors(letter.device_id), payload: JSON.stringify(reply) }
}

/** Error replies still to deliver to a device: not acked, not expired, the newest few; oldest first. */
export async function pendingErrorReplies (db: Executor, deviceId: string, nowMs: number): Promise<OutgoingMessage[]> {
  const letters = await db.selectFrom('dead_letters').select(['id', 'device_id', 'topic', 'event_id', 'code', 'reason', 'received_at_ms'])
    .where('device_id', '=', deviceId).where('reply_acked_at_ms', 'is', null).where('received_at_ms', '>', nowMs - ERROR_REPLY_TTL_MS)
    .orderBy('received_at_ms', 'desc').orderBy('id', 'desc').limit(ERROR_REPLIES_RESENT_MAX).execute()
  return letters.reverse().map(errorReply)
}

/** Ends the re-delivery of an error reply the device acked; false when the device has no such error reply. */
export async function ackErrorReply (db: Executor, deviceId: string, errorId: string, nowMs: number): Promise<boolean> {
  const result = await db.updateTable('dead_letters').set({ reply_acked_at_ms: nowMs })
    .where('id', '=', errorId).where('device_id', '=', deviceId).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function deadLettersOf (db: Executor, deviceId: string, limit = 50): Promise<DeadLetter[]> {
  return db.selectFrom('dead_letters').selectAll().where('device_id', '=', deviceId).orderBy('received_at_ms', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

/** An event the store refused after every retry, dead-lettered in a transaction of its own. */
export async function storeRejected (db: Kysely<Database>, publish: DevicePublish, err: unknown): Promise<ProcessedPublish> {
  let eventId: string | undefined
  try {
    const id = (JSON.parse(publish.payload.toString('utf8')) as { eventId?: unknown } | null)?.eventId
    if (typeof id === 'string') eventId = id
  } catch { /* not JSON: no event id to quote */ }
  const reply = await db.transaction().execute(trx => recordDeadLetter(trx, {
    deviceId: publish.deviceId, topic: publish.topic, payload: publish.payload, eventId, code: 'STORE_REJECTED',
    reason: `the store refused this event: ${err instanceof Error ? err.message : String(err)}`, receivedAtMs: publish.receivedAtMs
  }))
  return { outgoing: [reply], result: 'dead-lettered', deadLetterCode: 'STORE_REJECTED' }
}
