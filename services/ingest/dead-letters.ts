// Events that cannot apply are acknowledged, stored here with the reason,
// counted, and reported to the device on its errors topic. Rejecting them by
// disconnecting would make a QoS 1 device resend the same bad message forever.
import type { DeviceError } from '../../schemas/device-commands.ts'
import type { ErrorCode } from '../../schemas/error-codes.ts'
import { topics } from '../../schemas/topics.ts'
import type { OutgoingMessage } from '../devices/commands.ts'
import { newId } from '../ids.ts'
import type { DeadLetter } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

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
  await db.insertInto('dead_letters').values({
    id: newId('dl', input.receivedAtMs),
    device_id: input.deviceId,
    topic: input.topic.slice(0, 512),
    event_id: input.eventId ?? null,
    code: input.code,
    reason: input.reason.slice(0, 2000),
    payload: input.payload.subarray(0, MAX_STORED_PAYLOAD).toString('utf8'),
    received_at_ms: input.receivedAtMs
  }).execute()
  const reply: DeviceError = { ts: input.receivedAtMs, topic: input.topic, code: input.code, message: input.reason, ...(input.eventId != null ? { eventId: input.eventId } : {}) }
  return { deviceId: input.deviceId, topic: topics.errors(input.deviceId), payload: JSON.stringify(reply) }
}

export async function deadLettersOf (db: Executor, deviceId: string, limit = 50): Promise<DeadLetter[]> {
  return db.selectFrom('dead_letters').selectAll().where('device_id', '=', deviceId).orderBy('received_at_ms', 'desc').orderBy('id', 'desc').limit(limit).execute()
}
