// Staff authentication and role checks for /api routes. A route names the
// least role it needs in its config (`config: { role: 'manager' }`, default
// counter); the hook resolves `Authorization: Bearer <token>` to the staff
// member (401 otherwise) and checks the role (403). Site checks happen in the
// domain functions, which know which site a household, card or item is at.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError } from '../errors.ts'
import { authenticateStaff } from '../staff/staff.ts'
import { assertRole, type Actor } from '../staff/roles.ts'
import type { StaffRole } from '../store/database.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Least role that may call the route (counter < manager < admin). */
    role?: StaffRole
    /** True for routes that need no token (health, docs). */
    public?: boolean
  }
  interface FastifyRequest {
    staff: Actor | null
  }
}

/** The staff member of an authenticated request. */
export function actor (request: FastifyRequest): Actor {
  if (request.staff == null) throw new DomainError('UNAUTHENTICATED')
  return request.staff
}

function bearer (header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1]
}

export default fp(async (app: FastifyInstance) => {
  app.decorateRequest('staff', null)
  app.addHook('onRequest', async request => {
    const config = request.routeOptions.config
    if (config.public === true || request.routeOptions.url == null || !request.routeOptions.url.startsWith('/api/')) return
    const token = bearer(request.headers.authorization)
    const staff = token == null ? undefined : await authenticateStaff(app.db, token)
    if (staff == null) throw new DomainError('UNAUTHENTICATED')
    request.staff = staff
    request.log = request.log.child({ staffId: staff.id })
    assertRole(staff, config.role ?? 'counter')
  })
}, { name: 'auth', dependencies: ['db'] })
