// Checks a connecting device's secret against its stored scrypt hash. A
// successful check is remembered (by hash) so a reconnect storm costs one
// indexed read per device, not one scrypt; a rotated secret changes the hash
// and so invalidates what was remembered.
import { createHash } from 'node:crypto'
import type { DeviceVerdict } from '../../broker/device-auth.ts'
import type { Executor } from '../store/executor.ts'
import { findDevice } from './registry.ts'
import { verifySecret } from './secrets.ts'

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex')

export function createDeviceVerifier (db: Executor) {
  const verified = new Map<string, string>() // secret_hash → sha256(secret)
  return async function verifyDevice (deviceId: string, secret: string): Promise<DeviceVerdict> {
    const device = await findDevice(db, deviceId)
    if (device == null) return { ok: false, reason: 'unknown-device' }
    if (device.status !== 'active') return { ok: false, reason: 'disabled' }
    if (verified.get(device.secret_hash) === digest(secret)) return { ok: true }
    if (!(await verifySecret(secret, device.secret_hash))) return { ok: false, reason: 'bad-secret' }
    verified.set(device.secret_hash, digest(secret))
    return { ok: true }
  }
}
