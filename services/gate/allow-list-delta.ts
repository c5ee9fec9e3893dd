// Differential updates between two versions of a gate's allow-list (as OCPP's
// SendLocalList): entries added, changed (another schedule) and removed; the
// small header parts whole when they changed. Applying a delta to the list
// at its base version gives the target list exactly; a gate at any other
// version, or whose list disagrees with the delta, needs the full list.
import { isDeepStrictEqual } from 'node:util'
import type { AllowList, AllowListDelta, AllowListEntry } from '../../schemas/gate.ts'
import { AllowListError, byHash } from './allow-list.ts'

const headerKeys = ['timeZone', 'holidays', 'schedules', 'passKeys', 'revokedPasses'] as const

export function diffAllowLists (from: AllowList, to: AllowList): AllowListDelta {
  if (from.siteId !== to.siteId) throw new AllowListError(`lists of two sites: ${from.siteId}, ${to.siteId}`)
  if (to.version <= from.version) throw new AllowListError(`version ${to.version} is not after ${from.version}`)
  const before = new Map(from.entries.map(e => [e.cardHash, e.schedule]))
  const after = new Set(to.entries.map(e => e.cardHash))
  const header: AllowListDelta['header'] = {}
  for (const key of headerKeys) {
    if (!isDeepStrictEqual(from[key], to[key])) Object.assign(header, { [key]: to[key] })
  }
  return {
    siteId: to.siteId,
    baseVersion: from.version,
    version: to.version,
    added: to.entries.filter(e => !before.has(e.cardHash)),
    changed: to.entries.filter(e => before.has(e.cardHash) && before.get(e.cardHash) !== e.schedule),
    removed: from.entries.filter(e => !after.has(e.cardHash)).map(e => e.cardHash),
    header
  }
}

export type ApplyResult =
  | { ok: true, list: AllowList }
  | { ok: false, reason: 'FULL_RESEND_NEEDED', detail: string }

const resend = (detail: string): ApplyResult => ({ ok: false, reason: 'FULL_RESEND_NEEDED', detail })

/** What a gate does with a delta; the backend runs the same to check what the gate will hold. */
export function applyAllowListDelta (list: AllowList, delta: AllowListDelta): ApplyResult {
  if (delta.siteId !== list.siteId) return resend(`delta for site ${delta.siteId}, list of ${list.siteId}`)
  if (delta.baseVersion !== list.version) return resend(`delta from version ${delta.baseVersion}, list at ${list.version}`)
  const entries = new Map(list.entries.map(e => [e.cardHash, e]))
  for (const hash of delta.removed) {
    if (!entries.delete(hash)) return resend(`removed card ${hash} is not in the list`)
  }
  for (const e of delta.changed) {
    if (!entries.has(e.cardHash)) return resend(`changed card ${e.cardHash} is not in the list`)
    entries.set(e.cardHash, e)
  }
  for (const e of delta.added) {
    if (entries.has(e.cardHash)) return resend(`added card ${e.cardHash} is already in the list`)
    entries.set(e.cardHash, e)
  }
  const next: AllowList = { ...list, ...delta.header, version: delta.version, entries: [...entries.values()].sort(byHash) }
  const dangling = next.entries.find((e: AllowListEntry) => e.schedule > next.schedules.length)
  if (dangling != null) return resend(`card ${dangling.cardHash} refers to schedule ${dangling.schedule} of ${next.schedules.length}`)
  return { ok: true, list: next }
}
