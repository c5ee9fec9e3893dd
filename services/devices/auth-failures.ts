// The last failed authentication of each device (when, why, from where) and
// how many failures it has had, for staff looking for a stolen or stale
// secret. Failures for unknown device ids are not stored (anyone can make
// those up); the broker counts them. Writes for one device are coalesced to
// at most one a second, so a flood costs no more than that; every failure
// in between is still counted (the write adds them all).
import type { Logger } from 'pino'
import type { AuthFailure } from '../../broker/device-authentication-hook.ts'
import type { DeviceAuthFailure } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

/** Records the latest of `count` failures of one device (`failure` is the last of them). */
export async function recordAuthFailure (db: Executor, failure: AuthFailure, nowMs = Date.now(), count = 1): Promise<void> {
  const deviceId = failure.username ?? failure.clientId
  const known = await db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst()
  if (known == null) return
  const row = { device_id: deviceId, failed_at_ms: nowMs, reason: failure.reason, remote_address: failure.remoteAddress ?? null }
  await db.insertInto('device_auth_failures').values({ ...row, failures: count })
    .onConflict(oc => oc.column('device_id').doUpdateSet(eb => ({ ...row, failures: eb('device_auth_failures.failures', '+', count) })))
    .execute()
}

/** The broker's onAuthFailure hook: records in the background, never throws. */
export function createAuthFailureRecorder (db: Executor, log: Logger, minIntervalMs = 1000): (failure: AuthFailure) => void {
  const lastWrittenAt = new Map<string, number>()
  /** Failures waiting for the next write of their device: the latest one and how many. */
  const pending = new Map<string, { failure: AuthFailure, atMs: number, count: number }>()

  function write (deviceId: string): void {
    const batch = pending.get(deviceId)
    if (batch == null) return
    pending.delete(deviceId)
    lastWrittenAt.set(deviceId, Date.now())
    if (lastWrittenAt.size > 10_000) lastWrittenAt.clear()
    recordAuthFailure(db, batch.failure, batch.atMs, batch.count).catch((err: unknown) => log.warn({ err, deviceId, failures: batch.count }, 'auth failure not recorded'))
  }

  return failure => {
    const deviceId = failure.username ?? failure.clientId
    const now = Date.now()
    const batch = pending.get(deviceId)
    if (batch != null) {
      // a write is already due: it will carry this failure too
      Object.assign(batch, { failure, atMs: now, count: batch.count + 1 })
      return
    }
    pending.set(deviceId, { failure, atMs: now, count: 1 })
    const waitMs = (lastWrittenAt.get(deviceId) ?? -Infinity) + minIntervalMs - now
    if (waitMs <= 0) write(deviceId)
    else setTimeout(write, waitMs, deviceId).unref()
  }
}

export async function lastAuthFailures (db: Executor, deviceIds: string[]): Promise<Map<string, DeviceAuthFailure>> {
  const byDevice = new Map<string, DeviceAuthFailure>()
  for (let i = 0; i < deviceIds.length; i += 500) {
    const rows = await db.selectFrom('device_auth_failures').selectAll().where('device_id', 'in', deviceIds.slice(i, i + 500)).execute()
    for (const row of rows) byDevice.set(row.device_id, row)
  }
  return byDevice
}
