// Residents as the counter and managers handle them (docs/residents.md):
// invitations with a one-time activation code, a household's resident
// accounts, deactivation, and the site's limits on residents' visitor passes.
// Every write is a staff action, so the audit log records it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idParamsSchema, siteParamsSchema } from '../../../schemas/http.ts'
import { createInvitationBodySchema, invitationSchema, passLimitsSchema, passLimitsViewSchema, residentParamsSchema, residentSchema } from '../../../schemas/http-residents.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { createInvitation, newInvitationCode } from '../../residents/invitations.ts'
import { deactivateResident, residentsOf } from '../../residents/resident-accounts.ts'
import { passLimitsOf, setPassLimits } from '../../residents/pass-limits.ts'
import { getSite } from '../../sites/site-registry.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { invitationView, passLimitsView, residentView } from '../resident-views.ts'
import { errors } from './common.ts'

const tags = ['residents']

export interface ResidentStaffRouteOptions { invitationTtlMs: number }

const plugin: FastifyPluginAsyncZod<ResidentStaffRouteOptions> = async (app, opts) => {
  app.post('/households/:id/resident-invitations', { config: { role: 'counter' }, schema: { tags, summary: 'Invite a phone into a household: a one-time activation code to hand over at the counter', params: idParamsSchema, body: createInvitationBodySchema, response: { 201: invitationSchema, ...errors } } }, async (request, reply) => {
    // hashed before the transaction: SQLite's one write lock is not held through scrypt
    const newCode = await newInvitationCode()
    const { invitation, code } = await transaction(app.db, trx => createInvitation(trx, actor(request), request.params.id, request.body, opts.invitationTtlMs, newCode))
    request.log.info({ invitationId: invitation.id, householdId: invitation.household_id }, 'resident invited')
    return reply.code(201).send(invitationView(invitation, code))
  })

  app.get('/households/:id/residents', { schema: { tags, params: idParamsSchema, response: { 200: z.object({ residents: z.array(residentSchema) }), ...errors } } }, async request => {
    return { residents: (await residentsOf(app.db, actor(request), request.params.id)).map(residentView) }
  })

  app.post('/residents/:residentId/deactivate', { config: { role: 'counter' }, schema: { tags, summary: 'End a resident\'s account and tokens (moved out, lost phone); the phone may be invited again', params: residentParamsSchema, response: { 200: residentSchema, ...errors } } }, async request => {
    return residentView(await transaction(app.db, trx => deactivateResident(trx, actor(request), request.params.residentId)))
  })

  app.get('/sites/:siteId/resident-pass-limits', { schema: { tags, params: siteParamsSchema, response: { 200: passLimitsViewSchema, ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    await getSite(app.db, request.params.siteId)
    return passLimitsView(await passLimitsOf(app.db, request.params.siteId))
  })

  app.put('/sites/:siteId/resident-pass-limits', { config: { role: 'manager' }, schema: { tags, summary: 'Limits on the visitor passes residents issue from their phone', params: siteParamsSchema, body: passLimitsSchema, response: { 200: passLimitsViewSchema, ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    await getSite(app.db, request.params.siteId)
    return passLimitsView(await transaction(app.db, trx => setPassLimits(trx, actor(request), request.params.siteId, request.body)))
  })
}
export default plugin
