// Names of the provisioned bench fleet: device i is `${prefix}${i}`, its
// household's card is `${cardPrefix}${i}`, and every device shares one secret
// (one stored scrypt hash), so only the first connect pays for a scrypt.
export interface Fleet { prefix: string, cardPrefix: string, from: number, count: number, secret: string }

export const deviceId = (f: Pick<Fleet, 'prefix'>, i: number) => `${f.prefix}${String(i).padStart(6, '0')}`
export const cardUid = (f: Pick<Fleet, 'cardPrefix'>, i: number) => `${f.cardPrefix}${String(i).padStart(6, '0')}`

export function indices (f: Pick<Fleet, 'from' | 'count'>): number[] {
  return Array.from({ length: f.count }, (_, k) => f.from + k)
}
