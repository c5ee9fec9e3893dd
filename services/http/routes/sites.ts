// Sites (compounds) and their rate tables.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { rateTableSchema } from '../../../schemas/rate-table.ts'
import { createSiteBodySchema, siteParamsSchema, siteSchema } from '../../../schemas/http.ts'
import { createSite, getSite, listSites, setSiteRates } from '../../sites/site-registry.ts'
import { assertAllSites, assertSite, canActOnSite } from '../../staff/roles.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { actor } from '../auth.ts'
import { siteView } from '../views.ts'
import { errors } from './common.ts'

const tags = ['sites']

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/sites', { config: { role: 'admin' }, schema: { tags, body: createSiteBodySchema, response: { 201: siteSchema, ...errors } } }, async (request, reply) => {
    assertAllSites(actor(request))
    return reply.code(201).send(siteView(await transaction(app.db, trx => createSite(trx, request.body))))
  })

  app.get('/sites', { schema: { tags, response: { 200: z.object({ sites: z.array(siteSchema) }), ...errors } } }, async request => {
    const me = actor(request)
    const sites = (await listSites(app.db)).filter(s => canActOnSite(me, s.id))
    return { sites: sites.map(siteView) }
  })

  app.get('/sites/:siteId', { schema: { tags, params: siteParamsSchema, response: { 200: siteSchema, ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    return siteView(await getSite(app.db, request.params.siteId))
  })

  app.put('/sites/:siteId/rates', { config: { role: 'manager' }, schema: { tags, params: siteParamsSchema, body: rateTableSchema, response: { 200: siteSchema, ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    return siteView(await transaction(app.db, trx => setSiteRates(trx, request.params.siteId, request.body)))
  })
}
export default plugin
