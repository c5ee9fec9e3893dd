import { createHmac } from 'node:crypto'
import { connectMany } from './connect-many.ts'

// Names of the provisioned bench fleet: device i is `${prefix}${i}`, its
// household's card is `${cardPrefix}${i}`, and every device has its own
// secret, derived from the run's random seed and the device id, so load
// generators in other processes know it without a list of 19,500 secrets.
export interface Fleet { prefix: string, cardPrefix: string, from: number, count: number, secretSeed: string }

export const deviceId = (f: Pick<Fleet, 'prefix'>, i: number) => `${f.prefix}${String(i).padStart(6, '0')}`
export const cardUid = (f: Pick<Fleet, 'cardPrefix'>, i: number) => `${f.cardPrefix}${String(i).padStart(6, '0')}`

/** Device i's secret: 192 bits, like `generateSecret()`, distinct per device. */
export const deviceSecret = (f: Pick<Fleet, 'prefix' | 'secretSeed'>, i: number) =>
  createHmac('sha256', f.secretSeed).update(deviceId(f, i)).digest().subarray(0, 24).toString('base64url')

/** The part `[from, from + count)` of the run's fleet, as the load generators take it. */
export function fleetSlice (fleet: Omit<Fleet, 'from' | 'count'>, from: number, count: number): Fleet {
  return { prefix: fleet.prefix, cardPrefix: fleet.cardPrefix, secretSeed: fleet.secretSeed, from, count }
}

export function indices (f: Pick<Fleet, 'from' | 'count'>): number[] {
  return Array.from({ length: f.count }, (_, k) => f.from + k)
}

/**
 * Connects every kiosk of the fleet (each subscribed to its inbox) or throws
 * naming how many did not: the common start of the kiosk load generators.
 */
export async function connectKiosks (fleet: Fleet, opts: { port: number, connectRatePerS: number, maxMs: number }): Promise<Awaited<ReturnType<typeof connectMany>>> {
  const conn = await connectMany(indices(fleet).map(i => ({ id: deviceId(fleet, i), secret: deviceSecret(fleet, i) })), {
    port: opts.port, ratePerS: opts.connectRatePerS, concurrency: 50, subscribe: id => `devices/${id}/+`, deadlineMs: opts.maxMs / 2
  })
  if (conn.failed > 0) throw new Error(`${conn.failed} kiosks did not connect: ${conn.lastError ?? ''}`)
  return conn
}
