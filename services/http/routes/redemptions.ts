// Redemptions: points for cash or shop items, exactly once per Idempotency-Key.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idParamsSchema, idempotencyHeadersSchema, redemptionBodySchema, redemptionResultSchema } from '../../../schemas/http.ts'
import { receiptFor, redeem, type RedemptionResult } from '../../counter/redemptions.ts'
import { actor } from '../auth.ts'
import { entryView, redemptionView } from '../views.ts'
import { errors } from './common.ts'

const tags = ['redemptions']

const view = (r: RedemptionResult) => ({ redemption: redemptionView(r.redemption), entry: entryView(r.entry), balancePoints: r.balancePoints, receipt: r.receipt })

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/redemptions', {
    config: { role: 'counter', throttle: 'redeem' },
    schema: {
      tags,
      description: 'Needs an Idempotency-Key header. Replaying the same key with the same body returns the first response and changes nothing; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED.',
      headers: idempotencyHeadersSchema,
      body: redemptionBodySchema,
      response: { 201: redemptionResultSchema, ...errors }
    }
  }, async (request, reply) => {
    const outcome = await redeem(app.db, actor(request), request.headers['idempotency-key'], request.body)
    if (outcome.replayed) reply.header('idempotent-replayed', 'true')
    else request.log.info({ redemptionId: outcome.result.redemption.id, points: outcome.result.redemption.points }, 'redeemed')
    return reply.code(outcome.statusCode).send(view(outcome.result))
  })

  app.get('/redemptions/:id/receipt', {
    schema: { tags, produces: ['text/plain'], params: idParamsSchema, response: { 200: z.string().describe('printable receipt, text/plain'), ...errors } }
  }, async (request, reply) => {
    const text = await receiptFor(app.db, actor(request), request.params.id)
    return reply.type('text/plain; charset=utf-8').send(text)
  })
}
export default plugin
