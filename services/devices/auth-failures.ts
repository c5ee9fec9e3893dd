// The last failed authentication of each device (when, why, from where) and
// how many failures it has had, for staff looking for a stolen or stale
// secret. Failures for unknown device ids are not stored (anyone can make
// those up); the broker counts them. Writes for one device are coalesced to
// at most one a second, so a flood costs no more than that.
import type { Logger } from 'pino'
import type { AuthFailure } from '../../broker/device-auth.ts'
import type { DeviceAuthFailure } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

export async function recordAuthFailure (db: Executor, failure: AuthFailure, nowMs = Date.now()): Promise<void> {
  const deviceId = failure.username ?? failure.clientId
  const known = await db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst()
  if (known == null) return
  const row = { device_id: deviceId, failed_at_ms: nowMs, reason: failure.reason, remote_address: failure.remoteAddress ?? null }
  await db.insertInto('device_auth_failures').values({ ...row, failures: 1 })
    .onConflict(oc => oc.column('device_id').doUpdateSet(eb => ({ ...row, failures: eb('device_auth_failures.failures', '+', 1) })))
    .execute()
}

/** The broker's onAuthFailure hook: records in the background, never throws. */
export function createAuthFailureRecorder (db: Executor, log: Logger, minIntervalMs = 1000): (failure: AuthFailure) => void {
  const lastWrittenAt = new Map<string, number>()
  return failure => {
    const deviceId = failure.username ?? failure.clientId
    const now = Date.now()
    if (now - (lastWrittenAt.get(deviceId) ?? 0) < minIntervalMs) return
    lastWrittenAt.set(deviceId, now)
    if (lastWrittenAt.size > 10_000) lastWrittenAt.clear()
    recordAuthFailure(db, failure, now).catch((err: unknown) => log.warn({ err, deviceId }, 'auth failure not recorded'))
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
