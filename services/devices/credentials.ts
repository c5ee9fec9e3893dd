// A device's credentials over its life: disable (its connection is closed at
// once), enable again, rotate the secret (the new one is shown once; the old
// one stops working at once and the live connection is closed). The store is
// changed first, then the broker is told: a device reconnecting in between is
// checked against the new state.
import { DomainError } from '../errors.ts'
import type { Device } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { getDevice } from './device-registry.ts'
import type { Pepper } from './pepper.ts'
import { generateSecret, hashDeviceSecret } from './secrets.ts'
import { bumpRegistryVersion } from './registry-version.ts'

/** The broker side: closes a device's live connection on this node (no-op when it is not connected here). */
export interface DeviceSessions { disconnect: (deviceId: string) => void }

export const noDeviceSessions: DeviceSessions = { disconnect: () => {} }

export type VisibleDevice = Omit<Device, 'secret_hash'>

function visible (device: Device): VisibleDevice {
  const { secret_hash: _hidden, ...rest } = device
  return rest
}

export async function disableDevice (db: Executor, sessions: DeviceSessions, deviceId: string): Promise<VisibleDevice> {
  const device = await getDevice(db, deviceId)
  if (device.status !== 'disabled') {
    await db.updateTable('devices').set({ status: 'disabled' }).where('id', '=', deviceId).execute()
    await bumpRegistryVersion(db)
  }
  sessions.disconnect(deviceId)
  return visible({ ...device, status: 'disabled' })
}

export async function enableDevice (db: Executor, deviceId: string): Promise<VisibleDevice> {
  const device = await getDevice(db, deviceId)
  if (device.status !== 'active') {
    await db.updateTable('devices').set({ status: 'active' }).where('id', '=', deviceId).execute()
    await bumpRegistryVersion(db)
  }
  return visible({ ...device, status: 'active' })
}

/** Replaces the secret; returns the new one, the only time it is visible. */
export async function rotateDeviceSecret (db: Executor, pepper: Pepper, sessions: DeviceSessions, deviceId: string): Promise<{ device: VisibleDevice, secret: string }> {
  const device = await getDevice(db, deviceId)
  const secret = generateSecret()
  const secretHash = hashDeviceSecret(pepper, secret)
  const result = await db.updateTable('devices').set({ secret_hash: secretHash }).where('id', '=', deviceId).where('secret_hash', '=', device.secret_hash).executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new DomainError('CONFLICT', `device ${deviceId} was changed meanwhile; try again`)
  sessions.disconnect(deviceId)
  return { device: visible(device), secret }
}
