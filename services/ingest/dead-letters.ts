// Events that cannot apply are acknowledged, stored here with the reason,
// counted, and reported to the device on its errors topic. Rejecting them by
// disconnecting would make a QoS 1 device resend the same bad message forever.
import type { DeviceError } from '../../schemas/device-commands.ts'
import type { ErrorCode } from '../../schemas/error-codes.ts'
import { topics } from '../../schemas/topics.ts'
import type { OutgoingMessage } from '../devices/commands.ts'
import { newId } from '../ids.ts'
import type { Kysely } from 'kysely'
import type { DevicePublish } from '../../broker/mqtt-broker.ts'
import type { Database, DeadLetter } from '../store/database.ts'
import type { ProcessedPublish } from './device-event-processor.ts'
import type { Executor } from '../store/executor.ts'
import { storablePayload, storableText } from './storable-text.ts'

const MAX_STORED_PAYLOAD = 4096

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
  await db.insertInto('dead_letters').values({
    id: newId('dl', input.receivedAtMs),
    device_id: input.deviceId,
    topic,
    event_id: eventId ?? null,
    code: input.code,
    reason,
    payload: payload.text,
    payload_encoding: payload.encoding,
    received_at_ms: input.receivedAtMs
  }).execute()
  const reply: DeviceError = { ts: input.receivedAtMs, topic, code: input.code, message: reason, ...(eventId != null ? { eventId } : {}) }
  return { deviceId: input.deviceId, topic: topics.errors(input.deviceId), payload: JSON.stringify(reply) }
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
