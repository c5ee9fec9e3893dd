// Builds the allow-list a gate decides with while offline: the site's active
// cards as keyed hashes, each with its schedule, plus the schedules, holidays,
// visitor-pass keys and the revoked passes still worth listing. Pure: the
// caller reads the store and chooses the version (one more than the last).
import { createHmac } from 'node:crypto'
import { allowListSchema, type AccessSchedule, type AllowList, type AllowListEntry, type PassKey } from '../../schemas/gate.ts'
import type { CardStatus } from '../store/database.ts'

/**
 * The card id a gate stores and looks up: HMAC-SHA256 under the site's salt,
 * first 8 bytes as hex. Keyed, so a list copied off a controller's flash, a
 * log or a backup does not give away card numbers (a plain hash of a 4-byte
 * MIFARE uid is reversed by trying all 2^32), and the same card hashes
 * differently on every site, so lists of two sites cannot be joined. The gate
 * holds the salt to hash what it reads; kept apart from the list (secure
 * element or a separate flash region), a dump of the list alone stays opaque.
 * 8 bytes: among 6,000 cards a collision has a chance of about 1 in 10^12, and
 * a random foreign card matches with about 1 in 3·10^15.
 */
export function hashCard (salt: Buffer, uid: string): string {
  return createHmac('sha256', salt).update(uid, 'utf8').digest().subarray(0, 8).toString('hex')
}

export interface AllowListCard {
  uid: string
  siteId: string
  status: CardStatus
  householdId: string | null
  householdActive: boolean
  /** null: no time limit. */
  scheduleId: string | null
}

export interface RevokedPass {
  passId: string
  /** The pass's own end: after it the pass is refused as EXPIRED, so the revocation need not be listed. */
  validUntilMs: number
}

export interface AllowListSource {
  siteId: string
  version: number
  timeZone: string
  /** At least 16 random bytes, one per site. */
  salt: Buffer
  holidays: readonly string[]
  schedules: readonly AccessSchedule[]
  cards: readonly AllowListCard[]
  passKeys: readonly PassKey[]
  revokedPasses: readonly RevokedPass[]
  nowMs: number
}

export class AllowListError extends Error {
  override name = 'AllowListError'
}

const admitted = (c: AllowListCard, siteId: string) => c.siteId === siteId && c.status === 'active' && c.householdId != null && c.householdActive

export function buildAllowList (src: AllowListSource): AllowList {
  if (!Number.isInteger(src.version) || src.version < 1) throw new AllowListError(`version must be a positive integer, got ${src.version}`)
  if (src.salt.length < 16) throw new AllowListError('the site salt must be at least 16 bytes')
  const schedules = [...src.schedules].sort(ascendingBy(s => s.id))
  const indexById = new Map(schedules.map((s, i) => [s.id, i + 1]))
  if (indexById.size !== schedules.length) throw new AllowListError('two schedules share an id')

  const entries = new Map<string, AllowListEntry>()
  for (const card of src.cards.filter(c => admitted(c, src.siteId))) {
    const schedule = card.scheduleId == null ? 0 : indexById.get(card.scheduleId)
    if (schedule == null) throw new AllowListError(`a card refers to an unknown schedule: ${card.scheduleId}`)
    const cardHash = hashCard(src.salt, card.uid)
    // the uid itself stays out of the message: it is a card number
    if (entries.has(cardHash)) throw new AllowListError('two cards share a hash: a card is listed twice, or the salt must change')
    entries.set(cardHash, { cardHash, schedule })
  }

  const revokedPasses = [...new Set(src.revokedPasses.filter(r => r.validUntilMs > src.nowMs).map(r => r.passId))].sort()
  // the contract's bounds (list sizes, dates, ids) checked once on the result
  const list = allowListSchema.safeParse({
    siteId: src.siteId,
    version: src.version,
    timeZone: src.timeZone,
    holidays: [...new Set(src.holidays)].sort(),
    schedules,
    passKeys: [...src.passKeys].sort(ascendingBy(k => k.kid)),
    revokedPasses,
    entries: [...entries.values()].sort(byHash)
  })
  if (!list.success) throw new AllowListError(`the allow-list would break the contract: ${list.error.issues.slice(0, 3).map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return list.data
}

/** Code-unit order, the same on every platform (no locale), so a list is byte-for-byte reproducible. */
function ascendingBy<T> (key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0
}

export const byHash = ascendingBy((e: AllowListEntry) => e.cardHash)
