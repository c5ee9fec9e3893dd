// Dead-lettered device messages, for staff diagnosing a misbehaving device.
import { getDevice } from '../devices/device-registry.ts'
import { deadLettersOf as storedDeadLetters } from '../ingest/dead-letter-store.ts'
import { assertSite, type Actor } from '../staff/roles.ts'
import type { DeadLetter } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

/** Newest first, for staff of the device's site. */
export async function deadLettersOf (db: Executor, actor: Actor, deviceId: string, limit: number): Promise<DeadLetter[]> {
  const device = await getDevice(db, deviceId)
  assertSite(actor, device.site_id)
  return storedDeadLetters(db, deviceId, limit)
}
