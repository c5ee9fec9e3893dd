// The settings page's "who changed what and when": a site's committed
// settings changes from the audit log, for the site's managers
// (services/audit/settings-changes.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { siteParamsSchema } from '../../../schemas/http.ts'
import { settingsChangesQuerySchema, settingsChangesSchema } from '../../../schemas/http-audit.ts'
import { listSettingsChanges } from '../../audit/settings-changes.ts'
import { getSite } from '../../sites/site-registry.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { errors } from './common.ts'

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get('/sites/:siteId/settings-changes', {
    config: { role: 'manager' },
    schema: {
      tags: ['audit'],
      summary: 'The site\'s settings changes (rates, tariffs, schedules, holidays) from the audit log, newest first',
      params: siteParamsSchema,
      querystring: settingsChangesQuerySchema,
      response: { 200: settingsChangesSchema, ...errors }
    }
  }, async request => {
    assertSite(actor(request), request.params.siteId)
    await getSite(app.db, request.params.siteId)
    return { changes: await listSettingsChanges(app.db, request.params.siteId, { beforeId: request.query.before, limit: request.query.limit }) }
  })
}
export default plugin
