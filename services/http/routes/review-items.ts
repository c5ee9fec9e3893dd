// The review queue of implausible kiosk deposits.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idParamsSchema, reviewDecisionSchema, reviewItemSchema, reviewItemsQuerySchema } from '../../../schemas/http.ts'
import { approveReviewItem, listReviewItems, rejectReviewItem, type ReviewDecision } from '../../review/review-queue.ts'
import { actor } from '../auth.ts'
import { entryView, reviewItemView } from '../views.ts'
import { errors } from './common.ts'

const tags = ['review']

const decisionView = (d: ReviewDecision) => ({ reviewItem: reviewItemView(d.reviewItem), entry: d.entry == null ? null : entryView(d.entry), pointsCredited: d.pointsCredited, balancePoints: d.balancePoints })

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get('/review-items', { schema: { tags, querystring: reviewItemsQuerySchema, response: { 200: z.object({ reviewItems: z.array(reviewItemSchema) }), ...errors } } }, async request => {
    return { reviewItems: (await listReviewItems(app.db, actor(request), request.query)).map(reviewItemView) }
  })

  const decisionRoute = { config: { role: 'manager' as const }, schema: { tags, params: idParamsSchema, response: { 200: reviewDecisionSchema, ...errors } } }
  app.post('/review-items/:id/approve', { ...decisionRoute, schema: { ...decisionRoute.schema, description: 'Credits the computed points, limited by the site daily cap for the deposit\'s local day.' } }, async request => {
    return decisionView(await approveReviewItem(app.db, actor(request), request.params.id))
  })
  app.post('/review-items/:id/reject', decisionRoute, async request => {
    return decisionView(await rejectReviewItem(app.db, actor(request), request.params.id))
  })
}
export default plugin
