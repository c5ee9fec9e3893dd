// Manual adjustments with maker–checker.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { adjustmentDecisionSchema, adjustmentSchema, adjustmentsQuerySchema, createAdjustmentBodySchema, idParamsSchema } from '../../../schemas/http.ts'
import { approveAdjustment, listAdjustments, rejectAdjustment, requestAdjustment, type AdjustmentDecision } from '../../counter/adjustments.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { actor } from '../auth.ts'
import { adjustmentView, entryView } from '../views.ts'
import { errors } from './common.ts'

const tags = ['adjustments']

const decisionView = (d: AdjustmentDecision) => ({ adjustment: adjustmentView(d.adjustment), entry: d.entry == null ? null : entryView(d.entry), balancePoints: d.balancePoints })

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/adjustments', { config: { role: 'counter' }, schema: { tags, body: createAdjustmentBodySchema, response: { 201: adjustmentSchema, ...errors } } }, async (request, reply) => {
    return reply.code(201).send(adjustmentView(await transaction(app.db, trx => requestAdjustment(trx, actor(request), request.body))))
  })

  app.get('/adjustments', { schema: { tags, querystring: adjustmentsQuerySchema, response: { 200: z.object({ adjustments: z.array(adjustmentSchema) }), ...errors } } }, async request => {
    return { adjustments: (await listAdjustments(app.db, actor(request), request.query)).map(adjustmentView) }
  })

  const decisionRoute = { config: { role: 'manager' as const }, schema: { tags, params: idParamsSchema, response: { 200: adjustmentDecisionSchema, ...errors } } }
  app.post('/adjustments/:id/approve', { ...decisionRoute, schema: { ...decisionRoute.schema, description: 'The approver must not be the requester (422 SAME_APPROVER).' } }, async request => {
    return decisionView(await approveAdjustment(app.db, actor(request), request.params.id))
  })
  app.post('/adjustments/:id/reject', decisionRoute, async request => {
    return decisionView(await rejectAdjustment(app.db, actor(request), request.params.id))
  })
}
export default plugin
