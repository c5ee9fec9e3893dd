// Who may do what: roles are ordered counter < manager < admin (each includes
// the ones below), and staff bound to a site act on that site only.
import { DomainError } from '../errors.ts'
import type { StaffRole } from '../store/database.ts'

/** The authenticated staff member a request acts for. */
export interface Actor {
  id: string
  username: string
  name: string
  role: StaffRole
  /** Null: all sites. */
  siteId: string | null
}

const rank: Record<StaffRole, number> = { counter: 1, manager: 2, admin: 3 }

export function hasRole (actor: Pick<Actor, 'role'>, atLeast: StaffRole): boolean {
  return rank[actor.role] >= rank[atLeast]
}

export function assertRole (actor: Pick<Actor, 'role'>, atLeast: StaffRole): void {
  if (!hasRole(actor, atLeast)) throw new DomainError('FORBIDDEN', `needs role ${atLeast}; you are ${actor.role}`)
}

export function canActOnSite (actor: Pick<Actor, 'siteId'>, siteId: string): boolean {
  return actor.siteId == null || actor.siteId === siteId
}

export function assertSite (actor: Pick<Actor, 'siteId'>, siteId: string): void {
  if (!canActOnSite(actor, siteId)) throw new DomainError('FORBIDDEN', `you act for site ${actor.siteId ?? '-'}, not ${siteId}`)
}

/** Staff bound to no site (operators); only they may create sites or other all-site staff. */
export function assertAllSites (actor: Pick<Actor, 'siteId'>): void {
  if (actor.siteId != null) throw new DomainError('FORBIDDEN', 'only staff for all sites may do this')
}
