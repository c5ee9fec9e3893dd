// Points cards: link to a household, look up, lost / block / reactivate / unlink.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { cardParamsSchema, cardSchema, cardViewSchema, idParamsSchema, linkCardBodySchema } from '../../../schemas/http.ts'
import { cardView, linkCardFor, setCardStatusFor } from '../../counter/households.ts'
import type { CardStatus, StaffRole } from '../../store/database.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { actor } from '../auth.ts'
import * as views from '../views.ts'
import { errors } from './common.ts'

const tags = ['cards']

/** Card actions: the status each sets and the least role that may do it. */
const actions: Array<{ path: string, status: CardStatus, role: StaffRole, summary: string }> = [
  { path: 'report-lost', status: 'lost', role: 'counter', summary: 'Resident reports the card lost; it stops working at once (a blocked card: manager only)' },
  { path: 'unlink', status: 'unlinked', role: 'counter', summary: 'Card returned: detach it from the household and forget its access schedule (can be linked again, then without one); a lost or blocked card needs a manager' },
  { path: 'block', status: 'blocked', role: 'manager', summary: 'Block a card (misuse)' },
  { path: 'reactivate', status: 'active', role: 'manager', summary: 'Make a lost or blocked card work again (409 CONFLICT when the site has 20,000 cards in use)' }
]

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/households/:id/cards', { config: { role: 'counter' }, schema: { tags, summary: 'Link a card to the household (409 CONFLICT when the site has 20,000 cards in use)', params: idParamsSchema, body: linkCardBodySchema, response: { 201: cardSchema, ...errors } } }, async (request, reply) => {
    return reply.code(201).send(views.cardView(await transaction(app.db, trx => linkCardFor(trx, actor(request), request.params.id, request.body.uid))))
  })

  app.get('/cards/:uid', { schema: { tags, params: cardParamsSchema, response: { 200: cardViewSchema, ...errors } } }, async request => {
    const view = await cardView(app.db, actor(request), request.params.uid)
    return { card: views.cardView(view.card), household: view.household == null ? null : views.householdView(view.household), balancePoints: view.balancePoints }
  })

  for (const a of actions) {
    app.post(`/cards/:uid/${a.path}`, { config: { role: a.role }, schema: { tags, summary: a.summary, params: cardParamsSchema, response: { 200: cardSchema, ...errors } } }, async request => {
      const card = await transaction(app.db, trx => setCardStatusFor(trx, actor(request), request.params.uid, a.status))
      // uid is masked by the logger's redaction (services/redaction.ts)
      request.log.info({ uid: card.uid, status: card.status }, 'card status changed')
      return views.cardView(card)
    })
  }
}
export default plugin
