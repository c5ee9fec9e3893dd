import { connectMany } from './connect-many.ts'

// Names of the provisioned bench fleet: device i is `${prefix}${i}`, its
// household's card is `${cardPrefix}${i}`, and every device shares one secret
// (one stored scrypt hash), so only the first connect pays for a scrypt.
export interface Fleet { prefix: string, cardPrefix: string, from: number, count: number, secret: string }

export const deviceId = (f: Pick<Fleet, 'prefix'>, i: number) => `${f.prefix}${String(i).padStart(6, '0')}`
export const cardUid = (f: Pick<Fleet, 'cardPrefix'>, i: number) => `${f.cardPrefix}${String(i).padStart(6, '0')}`

export function indices (f: Pick<Fleet, 'from' | 'count'>): number[] {
  return Array.from({ length: f.count }, (_, k) => f.from + k)
}

/**
 * Connects every kiosk of the fleet (each subscribed to its inbox) or throws
 * naming how many did not: the common start of the kiosk load generators.
 */
export async function connectKiosks (fleet: Fleet, opts: { port: number, connectRatePerS: number, maxMs: number }): Promise<Awaited<ReturnType<typeof connectMany>>> {
  const conn = await connectMany(indices(fleet).map(i => ({ id: deviceId(fleet, i), secret: fleet.secret })), {
    port: opts.port, ratePerS: opts.connectRatePerS, concurrency: 50, subscribe: id => `devices/${id}/+`, deadlineMs: opts.maxMs / 2
  })
  if (conn.failed > 0) throw new Error(`${conn.failed} kiosks did not connect: ${conn.lastError ?? ''}`)
  return conn
}
