// Households: register, look up by label, view with cards and balance, history.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { createHouseholdBodySchema, householdLookupQuerySchema, householdSchema, householdViewSchema, idParamsSchema, ledgerPageSchema, ledgerQuerySchema, siteParamsSchema } from '../../../schemas/http.ts'
import { createHousehold } from '../../households/household-registry.ts'
import { findHouseholds, householdView, ledgerPage } from '../../counter/households.ts'
import { assertSite } from '../../staff/roles.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { actor } from '../auth.ts'
import * as views from '../views.ts'
import { errors } from './common.ts'

const tags = ['households']

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/sites/:siteId/households', { config: { role: 'manager' }, schema: { tags, params: siteParamsSchema, body: createHouseholdBodySchema, response: { 201: householdSchema, ...errors } } }, async (request, reply) => {
    assertSite(actor(request), request.params.siteId)
    return reply.code(201).send(views.householdView(await transaction(app.db, trx => createHousehold(trx, { siteId: request.params.siteId, label: request.body.label }))))
  })

  app.get('/households', { schema: { tags, querystring: householdLookupQuerySchema, response: { 200: z.object({ households: z.array(householdSchema) }), ...errors } } }, async request => {
    return { households: (await findHouseholds(app.db, actor(request), request.query)).map(views.householdView) }
  })

  app.get('/households/:id', { schema: { tags, params: idParamsSchema, response: { 200: householdViewSchema, ...errors } } }, async request => {
    const view = await householdView(app.db, actor(request), request.params.id)
    return { household: views.householdView(view.household), cards: view.cards.map(views.cardView), balancePoints: view.balancePoints, heldPoints: view.household.held_points, availablePoints: view.balancePoints - view.household.held_points }
  })

  app.get('/households/:id/ledger', { schema: { tags, params: idParamsSchema, querystring: ledgerQuerySchema, response: { 200: ledgerPageSchema, ...errors } } }, async request => {
    const page = await ledgerPage(app.db, actor(request), request.params.id, request.query)
    return { entries: page.entries.map(views.entryView), nextBefore: page.nextBefore, balancePoints: page.balancePoints }
  })
}
export default plugin
