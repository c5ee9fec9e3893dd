// Staff authentication and role checks for /api routes. A route names the
// least role it needs in its config (`config: { role: 'manager' }`, default
// counter); the hook resolves the staff member (401 otherwise) and checks the
// role (403). Two credentials:
// - `Authorization: Bearer <token>` for the CLI and integrations (wins when sent);
// - the web app's session cookie (docs/web.md). A browser sends it by itself,
//   so every write made with it must carry the session's X-CSRF-Token header
//   (403 CSRF_REFUSED otherwise): another site can make the browser send the
//   cookie but cannot read the token.
// Site checks happen in the domain functions, which know which site a
// household, card or item is at.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError } from '../errors.ts'
import { authenticateStaff } from '../staff/staff.ts'
import { assertRole, type Actor } from '../staff/roles.ts'
import type { StaffRole } from '../store/database.ts'
import { csrfTokenMatches, resolveWebSession, type SessionPolicy } from '../web-sessions/web-sessions.ts'

/** Name of the httpOnly, SameSite=Strict cookie holding the session id. */
export const SESSION_COOKIE = 'kiosk_session'
export const CSRF_HEADER = 'x-csrf-token'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Least role that may call the route (counter < manager < admin). */
    role?: StaffRole
    /** True for routes that need no token (health, docs). */
    public?: boolean
    /** A resident's route (/api/resident/…): a resident token, never a staff credential (services/http/resident-auth.ts). */
    resident?: boolean
  }
  interface FastifyRequest {
    staff: Actor | null
    /** Set when the request was authenticated by the session cookie. */
    webSession: { sessionId: string, csrfToken: string } | null
  }
}

/** The staff member of an authenticated request. */
export function actor (request: FastifyRequest): Actor {
  if (request.staff == null) throw new DomainError('UNAUTHENTICATED')
  return request.staff
}

export function bearer (header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1]
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

export interface AuthOptions { sessionPolicy: SessionPolicy }

export default fp<AuthOptions>(async (app: FastifyInstance, opts) => {
  app.decorateRequest('staff', null)
  app.decorateRequest('webSession', null)

  async function fromCookie (request: FastifyRequest): Promise<Actor | undefined> {
    const sessionId = request.cookies[SESSION_COOKIE]
    if (sessionId == null) return undefined
    const session = await resolveWebSession(app.db, sessionId, opts.sessionPolicy)
    if (session == null) return undefined
    if (!safeMethods.has(request.method) && !csrfTokenMatches(sessionId, firstHeader(request.headers[CSRF_HEADER]))) {
      request.log.warn({ staffId: session.actor.id }, 'cookie-authenticated write without its CSRF token refused')
      throw new DomainError('CSRF_REFUSED')
    }
    request.webSession = { sessionId, csrfToken: session.csrfToken }
    return session.actor
  }

  app.addHook('onRequest', async request => {
    const config = request.routeOptions.config
    if (config.public === true || config.resident === true || request.routeOptions.url == null || !request.routeOptions.url.startsWith('/api/')) return
    const token = bearer(request.headers.authorization)
    const staff = token != null ? await authenticateStaff(app.db, token) : await fromCookie(request)
    if (staff == null) throw new DomainError('UNAUTHENTICATED')
    request.staff = staff
    request.log = request.log.child({ staffId: staff.id })
    assertRole(staff, config.role ?? 'counter')
  })
}, { name: 'auth', dependencies: ['db', '@fastify/cookie'] })

function firstHeader (value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
