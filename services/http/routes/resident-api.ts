// The resident's phone (a mini-program or app) on /api/resident/…
// (docs/residents.md): activate with the counter's code, sign in and out, who
// am I (household, balance, held, available), the household's visitor passes
// within the site's limits, scan-to-charge with an Idempotency-Key, stop, and
// the charging history. Routes other than activation and sign-in take only a
// resident token (services/http/resident-auth.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { chargingHistoryQuerySchema, chargingSessionListSchema, chargingSessionParamsSchema, chargingSessionSchema, scanToChargeResultSchema } from '../../../schemas/http-charging.ts'
import { issuedPassSchema, issuePassBodySchema, passesQuerySchema, passParamsSchema, visitorPassSchema } from '../../../schemas/http-gates.ts'
import {
  activateBodySchema, chargingIdempotencyHeadersSchema, residentMeSchema, residentScanToChargeBodySchema, residentSignInBodySchema, residentTokenSchema
} from '../../../schemas/http-residents.ts'
import { deliverStart } from '../../charging/charging-api.ts'
import { DomainError } from '../../errors.ts'
import { getHousehold } from '../../households/household-registry.ts'
import { activateResident } from '../../residents/invitations.ts'
import { passLimitsOf } from '../../residents/pass-limits.ts'
import { residentScanToCharge, residentSessions, stopResidentSession } from '../../residents/resident-charging.ts'
import { householdPasses, issueResidentPass, revokeResidentPass } from '../../residents/resident-passes.ts'
import { signInResident, type SignInPolicy } from '../../residents/resident-sign-in.ts'
import { issueResidentToken, revokeResidentToken } from '../../residents/resident-tokens.ts'
import { getSite } from '../../sites/site-registry.ts'
import { sessionView } from '../charging-views.ts'
import { visitorPassView } from '../gate-views.ts'
import { residentOf } from '../resident-auth.ts'
import { passLimitsView, residentView } from '../resident-views.ts'
import { householdView } from '../views.ts'
import { errors } from './common.ts'

const tags = ['resident']
const resident = { resident: true } as const

export interface ResidentApiOptions extends SignInPolicy {
  /** Activations and sign-ins per address per minute (0 = off), besides the per-phone lockout. */
  signInsPerMinute: number
}

/** A locked-out phone's answer carries Retry-After, like the other 429s. */
function withRetryAfter (reply: FastifyReply, err: unknown): never {
  if (err instanceof DomainError && err.code === 'SIGN_IN_LOCKED') reply.header('retry-after', String(err.details?.retryAfterSeconds ?? 1))
  throw err
}

const plugin: FastifyPluginAsyncZod<ResidentApiOptions> = async (app, opts) => {
  const rateLimit = opts.signInsPerMinute > 0 ? { rateLimit: { max: opts.signInsPerMinute, timeWindow: 60_000, keyGenerator: (request: { ip: string }) => `resident-sign-in:${request.ip}` } } : {}

  app.post('/resident/activation', {
    config: { public: true, ...rateLimit },
    schema: { tags, security: [], summary: 'Activate an account: phone + the counter\'s code + a new password → signed in', body: activateBodySchema, response: { 201: residentTokenSchema, ...errors } }
  }, async (request, reply) => {
    const account = await activateResident(app.db, request.body)
    request.log.info({ residentId: account.id, householdId: account.household_id }, 'resident activated')
    const { token, expiresAtMs } = await issueResidentToken(app.db, account.id, opts.tokenTtlMs)
    return reply.code(201).send({ token, expiresAtMs, resident: residentView(account) })
  })

  app.post('/resident/session', {
    config: { public: true, ...rateLimit },
    schema: { tags, security: [], summary: 'Sign in: phone + password → a bearer token', body: residentSignInBodySchema, response: { 200: residentTokenSchema, ...errors } }
  }, async (request, reply) => {
    const signedIn = await signInResident(app.db, request.body.phone, request.body.password, opts).catch(err => withRetryAfter(reply, err))
    request.log.info({ residentId: signedIn.resident.id }, 'resident signed in')
    return { token: signedIn.token, expiresAtMs: signedIn.expiresAtMs, resident: residentView(signedIn.resident) }
  })

  app.delete('/resident/session', { config: resident, schema: { tags, summary: 'Sign out: this token stops working', response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await revokeResidentToken(app.db, request.residentToken ?? '')
    return reply.code(204).send(null)
  })

  app.get('/resident/me', { config: resident, schema: { tags, response: { 200: residentMeSchema, ...errors } } }, async request => {
    const me = residentOf(request)
    const [household, site, limits] = await Promise.all([getHousehold(app.db, me.household_id), getSite(app.db, me.site_id), passLimitsOf(app.db, me.site_id)])
    const { siteId: _site, updatedBy: _by, updatedAtMs: _at, ...passLimits } = passLimitsView(limits)
    return { resident: residentView(me), household: householdView(household), site: { id: site.id, name: site.name }, passLimits }
  })

  app.get('/resident/visitor-passes', { config: resident, schema: { tags, summary: 'The household\'s passes issued by its residents (by default those still usable)', querystring: passesQuerySchema, response: { 200: z.object({ passes: z.array(visitorPassSchema) }), ...errors } } }, async request => {
    return { passes: (await householdPasses(app.db, residentOf(request), request.query)).map(visitorPassView) }
  })

  app.post('/resident/visitor-passes', { config: resident, schema: { tags, summary: 'Issue a visitor pass within the site\'s limits for residents (409 PASS_LIMIT_EXCEEDED, details.reason)', body: issuePassBodySchema, response: { 201: issuedPassSchema, ...errors } } }, async (request, reply) => {
    const issued = await issueResidentPass(app.db, residentOf(request), request.body)
    return reply.code(201).send({ pass: visitorPassView(issued.pass), qr: issued.qr })
  })

  app.post('/resident/visitor-passes/:passId/revoke', { config: resident, schema: { tags, params: passParamsSchema, response: { 200: visitorPassSchema, ...errors } } }, async request => {
    return visitorPassView(await revokeResidentPass(app.db, residentOf(request), request.params.passId))
  })

  app.post('/resident/charging/sessions', {
    config: resident,
    schema: {
      tags, summary: 'Scan-to-charge: the pile and port from its QR code, paid from the household\'s points',
      description: 'Needs an Idempotency-Key header: the same key with the same body returns the first answer and starts nothing more; with another body it is 422 IDEMPOTENCY_KEY_REUSED.',
      headers: chargingIdempotencyHeadersSchema, body: residentScanToChargeBodySchema, response: { 201: scanToChargeResultSchema, ...errors }
    }
  }, async (request, reply) => {
    const me = residentOf(request)
    const outcome = await residentScanToCharge(app.db, me, request.headers['idempotency-key'], request.body)
    if (outcome.replayed) reply.header('idempotent-replayed', 'true')
    const { session, cmdId } = outcome.response
    const delivered = await deliverStart(app.db, app.deviceCommands, session.device_id, cmdId)
    return reply.code(outcome.statusCode).send({ session: sessionView(session), cmdId, delivered })
  })

  app.post('/resident/charging/sessions/:sessionId/stop', { config: resident, schema: { tags, params: chargingSessionParamsSchema, response: { 202: z.object({ session: chargingSessionSchema, stopSent: z.boolean() }), ...errors } } }, async (request, reply) => {
    const stop = await stopResidentSession(app.db, residentOf(request), request.params.sessionId)
    if (stop.message != null) app.deviceCommands.send(stop.message)
    return reply.code(202).send({ session: sessionView(stop.session), stopSent: stop.message != null })
  })

  app.get('/resident/charging/sessions', { config: resident, schema: { tags, summary: 'The household\'s charging history, newest first', querystring: chargingHistoryQuerySchema, response: { 200: chargingSessionListSchema, ...errors } } }, async request => {
    return { sessions: (await residentSessions(app.db, residentOf(request), request.query.limit)).map(sessionView) }
  })
}
export default plugin
