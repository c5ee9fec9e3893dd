// Checks a connecting device's secret against its stored scrypt hash. A
// successful check is remembered per device together with the hash it was
// checked against, so a reconnect storm costs one indexed read per device, not
// one scrypt; a rotated secret changes the hash and so invalidates what was
// remembered. With `cachedOnly` (an address that failed too often) only a
// remembered secret passes: the slow hash never runs for it.
import { createHash } from 'node:crypto'
import type { DeviceVerdict, VerifyOptions } from '../../broker/device-auth.ts'
import type { Executor } from '../store/executor.ts'
import { findDevice } from './registry.ts'
import { verifySecret } from './secrets.ts'

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex')

export interface DeviceVerifier {
  (deviceId: string, secret: string, options?: VerifyOptions): Promise<DeviceVerdict>
  /** The stored hash the device's last successful check matched (to spot a rotation later). */
  verifiedHashOf: (deviceId: string) => string | undefined
}

export function createDeviceVerifier (db: Executor): DeviceVerifier {
  const verified = new Map<string, { secretHash: string, digest: string }>() // device id → what last passed
  // stored hash → digest of the secret that matched it: a hash shared by several
  // devices (a fleet provisioned with one secret, the benchmark) is checked once
  const matchedHashes = new Map<string, string>()
  async function verifyDevice (deviceId: string, secret: string, options: VerifyOptions = {}): Promise<DeviceVerdict> {
    const device = await findDevice(db, deviceId)
    if (device == null) return { ok: false, reason: 'unknown-device' }
    if (device.status !== 'active') return { ok: false, reason: 'disabled' }
    const secretDigest = digest(secret)
    const known = verified.get(deviceId)
    if (known?.secretHash === device.secret_hash && known.digest === secretDigest) return { ok: true }
    if (matchedHashes.get(device.secret_hash) !== secretDigest) {
      if (options.cachedOnly === true) return { ok: false, reason: 'throttled' }
      if (!(await verifySecret(secret, device.secret_hash))) return { ok: false, reason: 'bad-secret' }
      matchedHashes.set(device.secret_hash, secretDigest)
    }
    verified.set(deviceId, { secretHash: device.secret_hash, digest: secretDigest })
    return { ok: true }
  }
  return Object.assign(verifyDevice, { verifiedHashOf: (deviceId: string) => verified.get(deviceId)?.secretHash })
}
