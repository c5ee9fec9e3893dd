// Pickups for staff (docs/pickups.md): a site's tasks, opening one for a bin,
// and recording a collection, which reconciles the weight against the bin's
// deposits since its previous collection. Collecting twice is a 409 that
// changes nothing.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { siteParamsSchema } from '../../../schemas/http.ts'
import { collectPickupBodySchema, openPickupBodySchema, pickupParamsSchema, pickupSchema, pickupsQuerySchema } from '../../../schemas/http-pickups.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { DomainError } from '../../errors.ts'
import { collectPickup, findPickup, listPickups, openPickup } from '../../pickups/pickup-repository.ts'
import { getSite } from '../../sites/site-registry.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { errors } from './common.ts'

const tags = ['pickups']

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get('/sites/:siteId/pickups', { schema: { tags, params: siteParamsSchema, querystring: pickupsQuerySchema, response: { 200: z.object({ pickups: z.array(pickupSchema) }), ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    await getSite(app.db, request.params.siteId)
    return { pickups: await listPickups(app.db, request.params.siteId, { status: request.query.status }) }
  })

  app.post('/sites/:siteId/pickups', { config: { role: 'counter' }, schema: { tags, params: siteParamsSchema, body: openPickupBodySchema, response: { 200: pickupSchema, 201: pickupSchema, ...errors } } }, async (request, reply) => {
    const staff = actor(request)
    assertSite(staff, request.params.siteId)
    const device = await app.db.selectFrom('devices').select(['id', 'site_id', 'kind']).where('id', '=', request.body.deviceId).executeTakeFirst()
    if (device == null || device.site_id !== request.params.siteId || device.kind !== 'kiosk') throw new DomainError('DEVICE_UNKNOWN', `no kiosk ${request.body.deviceId} at site ${request.params.siteId}`)
    const { pickup, created } = await transaction(app.db, trx => openPickup(trx, { siteId: device.site_id, deviceId: device.id, category: request.body.category, by: staff.id, nowMs: Date.now() }))
    return reply.code(created ? 201 : 200).send(pickup)
  })

  app.post('/pickups/:pickupId/collect', { config: { role: 'counter' }, schema: { tags, params: pickupParamsSchema, body: collectPickupBodySchema, response: { 200: pickupSchema, ...errors } } }, async request => {
    const staff = actor(request)
    const found = await findPickup(app.db, request.params.pickupId)
    if (found == null) throw new DomainError('NOT_FOUND', `no pickup ${request.params.pickupId}`)
    assertSite(staff, found.siteId)
    const pickup = await transaction(app.db, trx => collectPickup(trx, found.id, { grams: request.body.grams, by: staff.id, nowMs: Date.now() }))
    request.log.info({ pickupId: pickup.id, differenceGrams: pickup.reconciliation?.differenceGrams }, 'pickup collected')
    return pickup
  })
}

export default plugin
