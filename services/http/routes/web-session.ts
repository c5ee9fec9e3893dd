// Staff web sign-in (docs/web.md): POST /api/session checks username and
// password and sets the session cookie; GET tells the page who is signed in
// (and its CSRF token after a reload); DELETE signs out. Admins set passwords.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idParamsSchema } from '../../../schemas/http.ts'
import { setPasswordBodySchema, signInBodySchema, webSessionSchema } from '../../../schemas/web-session.ts'
import { DomainError } from '../../errors.ts'
import { getStaff } from '../../staff/staff.ts'
import { assertAllSites, assertSite } from '../../staff/roles.ts'
import { hashStaffPassword, storeStaffPasswordHash, verifyStaffPassword } from '../../web-sessions/staff-passwords.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { closeWebSession, openWebSession, type SessionPolicy } from '../../web-sessions/web-sessions.ts'
import { actor, SESSION_COOKIE } from '../auth.ts'
import { staffView } from '../views.ts'
import { errors } from './common.ts'

const tags = ['session']

export interface WebSessionRouteOptions {
  /** Sign-in attempts per address per minute (0 = off): passwords are guessable, tokens are not. */
  signInsPerMinute: number
  /** Send the cookie with `Secure` (served over HTTPS). */
  secureCookie: boolean
  sessionPolicy: SessionPolicy
}

const plugin: FastifyPluginAsyncZod<WebSessionRouteOptions> = async (app, opts) => {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: opts.secureCookie } as const
  const rateLimit = opts.signInsPerMinute > 0 ? { max: opts.signInsPerMinute, timeWindow: 60_000, keyGenerator: (request: { ip: string }) => `sign-in:${request.ip}` } : undefined

  app.post('/session', {
    config: { public: true, ...(rateLimit != null ? { rateLimit } : {}) },
    schema: { tags, security: [], body: signInBodySchema, response: { 200: webSessionSchema, ...errors } }
  }, async (request, reply) => {
    const staff = await verifyStaffPassword(app.db, request.body.username, request.body.password)
    if (staff == null) {
      request.log.warn({ username: request.body.username }, 'sign-in refused')
      throw new DomainError('SIGN_IN_FAILED')
    }
    const { sessionId, csrfToken } = await openWebSession(app.db, staff.id, opts.sessionPolicy)
    request.log.info({ staffId: staff.id }, 'signed in')
    reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions)
    return { staff: staffView(await getStaff(app.db, staff.id)), csrfToken }
  })

  app.get('/session', { schema: { tags, response: { 200: webSessionSchema, ...errors } } }, async request => {
    return { staff: staffView(await getStaff(app.db, actor(request).id)), csrfToken: request.webSession?.csrfToken ?? null }
  })

  app.delete('/session', { config: { role: 'counter' }, schema: { tags, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    const session = request.webSession
    // in the audited transaction: the sign-out and its audit row commit together
    await transaction(app.db, async trx => { if (session != null) await closeWebSession(trx, session.sessionId) })
    reply.clearCookie(SESSION_COOKIE, cookieOptions)
    return reply.code(204).send(null)
  })

  app.put('/staff/:id/password', { config: { role: 'admin' }, schema: { tags, params: idParamsSchema, body: setPasswordBodySchema, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    const me = actor(request)
    const target = await getStaff(app.db, request.params.id)
    if (target.site_id == null) assertAllSites(me)
    else assertSite(me, target.site_id)
    const hash = await hashStaffPassword(request.body.password)
    await transaction(app.db, trx => storeStaffPasswordHash(trx, target.id, hash))
    request.log.info({ targetStaffId: target.id }, 'staff password set')
    return reply.code(204).send(null)
  })
}
export default plugin
