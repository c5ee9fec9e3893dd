// Roles as the server orders them (services/staff/roles.ts): each includes the ones below.
import type { StaffRole } from './api/types.ts'

const rank: Record<StaffRole, number> = { counter: 1, manager: 2, admin: 3 }

export function hasRole (role: StaffRole, atLeast: StaffRole): boolean {
  return rank[role] >= rank[atLeast]
}
