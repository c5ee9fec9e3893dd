// A site's webhooks for alarm notifications (services/alarms/webhooks.ts).
// The signing secret is shown once, when the webhook is made.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { siteParamsSchema } from '../../../schemas/http.ts'
import { createdWebhookSchema, createWebhookBodySchema, webhookParamsSchema, webhookSchema } from '../../../schemas/http-alarms.ts'
import { createWebhook, deactivateWebhook, findWebhook, listWebhooks } from '../../alarms/webhooks.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { getSite } from '../../sites/site-registry.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { errors } from './common.ts'

const tags = ['alarms']

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/sites/:siteId/webhooks', { config: { role: 'admin' }, schema: { tags, params: siteParamsSchema, body: createWebhookBodySchema, response: { 201: createdWebhookSchema, ...errors } } }, async (request, reply) => {
    assertSite(actor(request), request.params.siteId)
    await getSite(app.db, request.params.siteId)
    const created = await transaction(app.db, trx => createWebhook(trx, { siteId: request.params.siteId, url: request.body.url }))
    return reply.code(201).send(created)
  })

  app.get('/sites/:siteId/webhooks', { config: { role: 'manager' }, schema: { tags, params: siteParamsSchema, response: { 200: z.object({ webhooks: z.array(webhookSchema) }), ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    return { webhooks: await listWebhooks(app.db, request.params.siteId) }
  })

  app.post('/webhooks/:webhookId/deactivate', { config: { role: 'admin' }, schema: { tags, params: webhookParamsSchema, response: { 200: webhookSchema, ...errors } } }, async request => {
    const webhook = await findWebhook(app.db, request.params.webhookId)
    assertSite(actor(request), webhook.siteId)
    return transaction(app.db, trx => deactivateWebhook(trx, webhook.id))
  })
}

export default plugin
