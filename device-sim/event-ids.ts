// Device-unique event ids: `${device}-${boot}-${seq}`. A new boot id per
// start keeps ids unique across simulator restarts (a persisted buffer may
// still hold events of the previous boot). Always valid for eventIdSchema.
import { createHash, randomBytes } from 'node:crypto'

const maxDevicePart = 40

export interface EventIds {
  readonly bootId: string
  next: () => string
}

export function newBootId (): string {
  return Date.now().toString(36) + randomBytes(3).toString('hex')
}

export function createEventIds (deviceId: string, bootId = newBootId()): EventIds {
  const device = shortDevicePart(deviceId)
  let seq = 0
  return {
    bootId,
    next: () => `${device}-${bootId}-${(++seq).toString(36)}`
  }
}

/** Long device ids are shortened to a prefix plus a hash so ids stay ≤ 64 chars. */
function shortDevicePart (deviceId: string): string {
  if (deviceId.length <= maxDevicePart) return deviceId
  const hash = createHash('sha1').update(deviceId).digest('hex').slice(0, 8)
  return `${deviceId.slice(0, maxDevicePart - 9)}~${hash}`
}
