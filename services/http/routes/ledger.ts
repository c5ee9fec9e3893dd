// Reversing ledger entries (an item redemption puts its stock back).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { entryParamsSchema, reversalResultSchema, reverseBodySchema } from '../../../schemas/http.ts'
import { reverseLedgerEntry } from '../../counter/reversal.ts'
import { actor } from '../auth.ts'
import { entryView } from '../views.ts'
import { errors } from './common.ts'

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/ledger/:entryId/reverse', { config: { role: 'manager' }, schema: { tags: ['ledger'], description: 'A debit is reversed by someone other than the staff member who made it (422 SAME_APPROVER).', params: entryParamsSchema, body: reverseBodySchema, response: { 201: reversalResultSchema, ...errors } } }, async (request, reply) => {
    const result = await reverseLedgerEntry(app.db, actor(request), request.params.entryId, request.body.reason)
    request.log.info({ entryId: request.params.entryId, reversalId: result.entry.id }, 'entry reversed')
    return reply.code(201).send({ entry: entryView(result.entry), balancePoints: result.balancePoints, restoredStock: result.restoredStock })
  })
}
export default plugin
