// GET /api/sites/{siteId}/overview: the staff overview page's numbers in one read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { siteParamsSchema } from '../../../schemas/http.ts'
import { siteOverviewSchema } from '../../../schemas/site-overview.ts'
import { siteOverview } from '../../overview/site-overview.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { errors } from './common.ts'

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get('/sites/:siteId/overview', {
    schema: { tags: ['sites'], description: 'Devices by state, bins nearly full, today\'s deposits and points (site-local day), pending decisions.', params: siteParamsSchema, response: { 200: siteOverviewSchema, ...errors } }
  }, async request => {
    assertSite(actor(request), request.params.siteId)
    return siteOverview(app.db, request.params.siteId)
  })
}
export default plugin
