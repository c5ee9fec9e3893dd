// A visitor pass's state as the revoke list shows it, in the order the gates
// give their reasons (services/gate/visitor-pass.ts): revoked, then the
// validity window (not yet valid, expired), then the uses (used up).
import type { VisitorPass } from './api/types.ts'

export const passStatuses = ['active', 'notYetValid', 'expired', 'usedUp', 'revoked'] as const
export type PassStatus = (typeof passStatuses)[number]

export function passStatus (pass: Pick<VisitorPass, 'revokedAtMs' | 'uses' | 'maxUses' | 'validFromMs' | 'validUntilMs'>, nowMs: number): PassStatus {
  if (pass.revokedAtMs != null) return 'revoked'
  if (nowMs < pass.validFromMs) return 'notYetValid'
  if (nowMs >= pass.validUntilMs) return 'expired'
  if (pass.uses >= pass.maxUses) return 'usedUp'
  return 'active'
}

/** A pass that could still open a gate: the one worth revoking. */
export const revocable = (status: PassStatus): boolean => status === 'active' || status === 'notYetValid'
