// The points shop's items per site.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { createShopItemBodySchema, idParamsSchema, shopItemSchema, shopItemsQuerySchema, siteParamsSchema, updateShopItemBodySchema } from '../../../schemas/http.ts'
import { createShopItem, getShopItem, listShopItems, updateShopItem } from '../../counter/shop-items.ts'
import { assertSite } from '../../staff/roles.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { actor } from '../auth.ts'
import { shopItemView } from '../views.ts'
import { errors } from './common.ts'

const tags = ['shop']

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/sites/:siteId/shop-items', { config: { role: 'manager' }, schema: { tags, params: siteParamsSchema, body: createShopItemBodySchema, response: { 201: shopItemSchema, ...errors } } }, async (request, reply) => {
    assertSite(actor(request), request.params.siteId)
    return reply.code(201).send(shopItemView(await transaction(app.db, trx => createShopItem(trx, { siteId: request.params.siteId, ...request.body }))))
  })

  app.get('/sites/:siteId/shop-items', { schema: { tags, params: siteParamsSchema, querystring: shopItemsQuerySchema, response: { 200: z.object({ items: z.array(shopItemSchema) }), ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    return { items: (await listShopItems(app.db, request.params.siteId, request.query)).map(shopItemView) }
  })

  app.patch('/shop-items/:id', { config: { role: 'manager' }, schema: { tags, params: idParamsSchema, body: updateShopItemBodySchema, response: { 200: shopItemSchema, ...errors } } }, async request => {
    return shopItemView(await transaction(app.db, async trx => {
      const item = await getShopItem(trx, request.params.id)
      assertSite(actor(request), item.site_id)
      return updateShopItem(trx, item.id, request.body)
    }))
  })
}
export default plugin
