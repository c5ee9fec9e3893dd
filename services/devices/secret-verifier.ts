// Checks a connecting device's secret against its stored hash: HMAC with the
// pepper (microseconds), or scrypt for rows from earlier releases (~50 ms of
// CPU), which a successful check replaces with the HMAC form, so each device
// pays scrypt at most once. A successful check is remembered per device
// together with the stored hash it matched: the credential sweep compares
// that hash with the store to spot a rotation, and an address that failed
// too often (`cachedOnly`) gets in only with a remembered secret.
import { createHash } from 'node:crypto'
import type { DeviceVerdict, VerifyOptions } from '../../broker/device-authentication-hook.ts'
import type { Device } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import type { Pepper } from './pepper.ts'
import { findDevice } from './device-registry.ts'
import { checkDeviceSecret, hashDeviceSecret } from './secrets.ts'

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex')

export interface DeviceVerifier {
  (deviceId: string, secret: string, options?: VerifyOptions): Promise<DeviceVerdict>
  /** The stored hash the device's last successful check matched (to spot a rotation later). */
  verifiedHashOf: (deviceId: string) => string | undefined
}

export function createDeviceVerifier (db: Executor, pepper: Pepper): DeviceVerifier {
  const verified = new Map<string, { secretHash: string, digest: string }>() // device id → what last passed
  // legacy scrypt hash → digest of the secret that matched it: a fleet provisioned
  // with one shared secret before HMAC pays one scrypt, not one per device
  const matchedLegacy = new Map<string, string>()

  /** Replaces a legacy hash if it is still the stored one; false when the row changed meanwhile. */
  async function upgrade (device: Device, secret: string): Promise<string | undefined> {
    const secretHash = hashDeviceSecret(pepper, secret)
    const result = await db.updateTable('devices').set({ secret_hash: secretHash })
      .where('id', '=', device.id).where('secret_hash', '=', device.secret_hash).executeTakeFirst()
    return result.numUpdatedRows === 0n ? undefined : secretHash
  }

  async function check (device: Device, secret: string, secretDigest: string, options: VerifyOptions): Promise<DeviceVerdict | 'changed'> {
    const known = verified.get(device.id)
    if (known?.secretHash === device.secret_hash && known.digest === secretDigest) return { ok: true }
    const legacyKnown = matchedLegacy.get(device.secret_hash) === secretDigest
    if (options.cachedOnly === true && !legacyKnown) return { ok: false, reason: 'throttled' }
    const result = legacyKnown ? 'legacy-match' : await checkDeviceSecret(pepper, secret, device.secret_hash)
    if (result === 'mismatch') return { ok: false, reason: 'bad-secret' }
    if (result === 'other-pepper') return { ok: false, reason: 'pepper-mismatch' }
    let secretHash = device.secret_hash
    if (result === 'legacy-match') {
      matchedLegacy.set(device.secret_hash, secretDigest)
      const upgraded = await upgrade(device, secret)
      if (upgraded == null) return 'changed' // rotated (or upgraded elsewhere) meanwhile: check the new row
      secretHash = upgraded
    }
    verified.set(device.id, { secretHash, digest: secretDigest })
    return { ok: true }
  }

  async function verifyDevice (deviceId: string, secret: string, options: VerifyOptions = {}): Promise<DeviceVerdict> {
    const secretDigest = digest(secret)
    for (let attempt = 0; ; attempt++) {
      const device = await findDevice(db, deviceId)
      if (device == null) return { ok: false, reason: 'unknown-device' }
      if (device.status !== 'active') return { ok: false, reason: 'disabled' }
      const verdict = await check(device, secret, secretDigest, options)
      if (verdict !== 'changed') return verdict
      if (attempt > 0) return { ok: false, reason: 'throttled' } // changing under us twice: let it retry later
    }
  }
  return Object.assign(verifyDevice, { verifiedHashOf: (deviceId: string) => verified.get(deviceId)?.secretHash })
}
