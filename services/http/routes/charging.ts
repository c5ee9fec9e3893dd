// Charging: scan-to-charge, tariff versions per site and pile, history per
// household and per pile, and the dispute view of a session (docs/http-api.md "Charging").
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idParamsSchema, siteParamsSchema } from '../../../schemas/http.ts'
import {
  chargingHistoryQuerySchema, chargingSessionListSchema, chargingSessionSchema, chargingSessionParamsSchema, deviceParamsSchema, scanToChargeBodySchema,
  scanToChargeResultSchema, sessionDisputeSchema, setTariffRequestSchema, tariffVersionSchema
} from '../../../schemas/http-charging.ts'
import { deliverStart, householdSessions, pileSessions, requestUserStop, scanToCharge, sessionDispute, setTariff, tariffHistory } from '../../charging/charging-api.ts'
import { idempotent } from '../../counter/idempotency.ts'
import { chargingIdempotencyHeadersSchema } from '../../../schemas/http-residents.ts'
import { getDevice } from '../../devices/device-registry.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { actor } from '../auth.ts'
import { entryView } from '../views.ts'
import { holdView, meterValueView, sessionView, tariffVersionView } from '../charging-views.ts'
import { errors } from './common.ts'

const tags = ['charging']

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/charging/sessions', {
    config: { role: 'counter' },
    schema: {
      tags,
      description: 'Needs an Idempotency-Key header: the same key with the same body returns the first answer and starts nothing more; with another body it is 422 IDEMPOTENCY_KEY_REUSED.',
      headers: chargingIdempotencyHeadersSchema, body: scanToChargeBodySchema, response: { 201: scanToChargeResultSchema, ...errors }
    }
  }, async (request, reply) => {
    const me = actor(request)
    const outcome = await idempotent(app.db, { scope: `charging-scan:${me.id}`, key: request.headers['idempotency-key'], request: request.body },
      async trx => {
        const started = await scanToCharge(trx, me, request.body)
        return { statusCode: 201, response: { session: started.session, cmdId: started.cmdId } }
      })
    if (outcome.replayed) reply.header('idempotent-replayed', 'true')
    // recorded before it is sent: if the pile is offline it gets the start when it reconnects
    const { session, cmdId } = outcome.response
    const delivered = await deliverStart(app.db, app.deviceCommands, session.device_id, cmdId)
    return reply.code(outcome.statusCode).send({ session: sessionView(session), cmdId, delivered })
  })

  app.post('/charging/sessions/:sessionId/stop', { config: { role: 'counter' }, schema: { tags, params: chargingSessionParamsSchema, response: { 202: z.object({ session: chargingSessionSchema, stopSent: z.boolean().describe('false when a stop was already asked for') }), ...errors } } }, async (request, reply) => {
    const stop = await transaction(app.db, trx => requestUserStop(trx, actor(request), request.params.sessionId))
    if (stop.message != null) app.deviceCommands.send(stop.message)
    return reply.code(202).send({ session: sessionView(stop.session), stopSent: stop.message != null })
  })

  app.get('/charging/sessions/:sessionId', { schema: { tags, params: chargingSessionParamsSchema, response: { 200: sessionDisputeSchema, ...errors } } }, async request => {
    const d = await sessionDispute(app.db, actor(request), request.params.sessionId)
    return {
      session: sessionView(d.session), tariff: tariffVersionView(d.tariff), meterCurve: d.meterCurve.map(meterValueView),
      hold: holdView(d.hold), ledgerEntries: d.ledgerEntries.map(entryView), stop: d.stop
    }
  })

  app.get('/households/:id/charging-sessions', { schema: { tags, params: idParamsSchema, querystring: chargingHistoryQuerySchema, response: { 200: chargingSessionListSchema, ...errors } } }, async request => {
    return { sessions: (await householdSessions(app.db, actor(request), request.params.id, request.query.limit)).map(sessionView) }
  })

  app.get('/devices/:deviceId/charging-sessions', { schema: { tags, params: deviceParamsSchema, querystring: chargingHistoryQuerySchema, response: { 200: chargingSessionListSchema, ...errors } } }, async request => {
    return { sessions: (await pileSessions(app.db, actor(request), request.params.deviceId, request.query.limit)).map(sessionView) }
  })

  app.put('/sites/:siteId/charging-tariff', { config: { role: 'manager' }, schema: { tags, params: siteParamsSchema, body: setTariffRequestSchema, response: { 201: tariffVersionSchema, ...errors } } }, async (request, reply) => {
    const version = await transaction(app.db, trx => setTariff(trx, actor(request), { siteId: request.params.siteId, deviceId: null }, request.body))
    return reply.code(201).send(tariffVersionView(version))
  })

  app.put('/devices/:deviceId/charging-tariff', { config: { role: 'manager' }, schema: { tags, params: deviceParamsSchema, body: setTariffRequestSchema, response: { 201: tariffVersionSchema, ...errors } } }, async (request, reply) => {
    const device = await getDevice(app.db, request.params.deviceId)
    const version = await transaction(app.db, trx => setTariff(trx, actor(request), { siteId: device.site_id, deviceId: device.id }, request.body))
    return reply.code(201).send(tariffVersionView(version))
  })

  app.get('/sites/:siteId/charging-tariffs', { schema: { tags, params: siteParamsSchema, querystring: z.object({ deviceId: z.string().optional() }), response: { 200: z.object({ versions: z.array(tariffVersionSchema) }), ...errors } } }, async request => {
    return { versions: (await tariffHistory(app.db, actor(request), request.params.siteId, request.query.deviceId ?? null)).map(tariffVersionView) }
  })
}
export default plugin
