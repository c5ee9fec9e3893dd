// Pure rule: what a gate decides alone, from its allow-list, while it cannot
// reach the backend. The reference for gate firmware and the simulator, and
// what the backend compares a replayed offline decision with. Offline there
// is no anti-passback (a gate does not know the zone's other gates' passages)
// and no card-status check beyond the list: a card blocked after the gate's
// last list update still opens it until the next one arrives.
import type { AllowList, Credential, Direction, GateDenyReason } from '../../schemas/gate.ts'
import { hashCard } from './allow-list.ts'
import { checkSchedule } from './schedule.ts'
import { verifyPass } from './visitor-pass.ts'

export interface OfflineGate {
  gateId: string
  directions: readonly Direction[]
  list: AllowList
  /** The site's card-hash salt, held by the gate apart from the list. */
  salt: Buffer
}

export interface OfflineRequest {
  credential: Credential
  direction: Direction
  /** Whether the backend has synced the gate's clock since it booted. */
  clockSynced: boolean
  /** The gate's clock. */
  nowMs: number
  /** For a pass: the uses this gate has counted. */
  passUsesBefore: number
}

export type OfflineDecision = { result: 'allow' } | { result: 'deny', reason: GateDenyReason }

const deny = (reason: GateDenyReason): OfflineDecision => ({ result: 'deny', reason })

/** Prepares the lookups once per list version; the returned function decides each request. */
export function offlineDecider (gate: OfflineGate): (request: OfflineRequest) => OfflineDecision {
  const scheduleByHash = new Map(gate.list.entries.map(e => [e.cardHash, e.schedule]))
  const holidays = new Set(gate.list.holidays)
  const revoked = new Set(gate.list.revokedPasses)
  return (request) => {
    if (!gate.directions.includes(request.direction)) return deny('DIRECTION_NOT_SERVED')
    const { credential, clockSynced, nowMs } = request
    if (credential.kind === 'pass') {
      const verdict = verifyPass(credential.qr, { siteId: gate.list.siteId, gateId: gate.gateId, keys: gate.list.passKeys, revoked, clockSynced, nowMs, usesBefore: request.passUsesBefore })
      return verdict.ok ? { result: 'allow' } : deny(verdict.reason)
    }
    const index = scheduleByHash.get(hashCard(gate.salt, credential.card))
    if (index == null) return deny('NOT_IN_ALLOW_LIST')
    const schedule = index === 0 ? null : gate.list.schedules[index - 1]
    if (schedule === null) return { result: 'allow' }
    // a schedule index without a schedule cannot come from a checked list; fail closed
    if (schedule === undefined) return deny('NOT_IN_ALLOW_LIST')
    // free exit needs no time, and nobody is locked in for want of it
    const timeless = schedule.freeExit && request.direction === 'out'
    if (!clockSynced && !timeless) return deny('CLOCK_UNTRUSTED')
    const refusal = checkSchedule({ schedule, holidays, direction: request.direction, timeZone: gate.list.timeZone, nowMs })
    return refusal == null ? { result: 'allow' } : deny(refusal)
  }
}
