// Devices: who may connect, at which site, as which kind of device.
import { DomainError } from '../errors.ts'
import { getSite } from '../sites/site-registry.ts'
import type { Executor } from '../store/executor.ts'
import type { Pepper } from './pepper.ts'
import { generateSecret, hashDeviceSecret } from './secrets.ts'
import { bumpRegistryVersion } from './registry-version.ts'
import type { Device, DeviceKind } from './tables.ts'

export interface ProvisionedDevice { device: Omit<Device, 'secret_hash'>, secret: string }

/** Creates a device and returns its secret: the only time the secret is visible. */
export async function provisionDevice (db: Executor, pepper: Pepper, input: { id: string, siteId: string, kind: DeviceKind, name?: string | undefined }, nowMs = Date.now()): Promise<ProvisionedDevice> {
  await getSite(db, input.siteId)
  if (await db.selectFrom('devices').select('id').where('id', '=', input.id).executeTakeFirst() != null) throw new DomainError('CONFLICT', `device ${input.id} already exists`)
  const secret = generateSecret()
  const device: Device = {
    id: input.id, site_id: input.siteId, kind: input.kind, name: input.name ?? input.id, secret_hash: hashDeviceSecret(pepper, secret),
    status: 'active', created_at_ms: nowMs, online: 0, online_node: null, last_seen_at_ms: null, last_status: null
  }
  await db.insertInto('devices').values(device).execute()
  await bumpRegistryVersion(db) // the ingest may have cached "no such device"
  const { secret_hash: _hidden, ...visible } = device
  return { device: visible, secret }
}

export async function findDevice (db: Executor, deviceId: string): Promise<Device | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst()
}

export async function getDevice (db: Executor, deviceId: string): Promise<Device> {
  const device = await findDevice(db, deviceId)
  if (device == null) throw new DomainError('DEVICE_UNKNOWN', `no device ${deviceId}`)
  return device
}

export async function listDevices (db: Executor, siteId?: string): Promise<Omit<Device, 'secret_hash'>[]> {
  let q = db.selectFrom('devices').select(['id', 'site_id', 'kind', 'name', 'status', 'created_at_ms', 'online', 'online_node', 'last_seen_at_ms', 'last_status'])
  if (siteId != null) q = q.where('site_id', '=', siteId)
  return q.orderBy('id').execute()
}
