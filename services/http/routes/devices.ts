// Devices of a site, provisioning (secret shown once) and dead letters.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { createDeviceBodySchema, deadLetterSchema, deadLettersQuerySchema, deviceParamsSchema, deviceSchema, provisionedDeviceSchema, siteParamsSchema } from '../../../schemas/http.ts'
import { getSite, listDevices, provisionDevice } from '../../devices/registry.ts'
import { deadLettersOf } from '../../counter/dead-letters.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { deadLetterView, deviceView } from '../views.ts'
import { errors } from './common.ts'

const tags = ['devices']

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/sites/:siteId/devices', { config: { role: 'admin' }, schema: { tags, params: siteParamsSchema, body: createDeviceBodySchema, response: { 201: provisionedDeviceSchema, ...errors } } }, async (request, reply) => {
    assertSite(actor(request), request.params.siteId)
    const { device, secret } = await provisionDevice(app.db, { ...request.body, siteId: request.params.siteId })
    request.log.info({ deviceId: device.id, siteId: device.site_id }, 'device provisioned')
    return reply.code(201).send({ device: deviceView(device), secret })
  })

  app.get('/sites/:siteId/devices', { schema: { tags, params: siteParamsSchema, response: { 200: z.object({ devices: z.array(deviceSchema) }), ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    await getSite(app.db, request.params.siteId)
    return { devices: (await listDevices(app.db, request.params.siteId)).map(deviceView) }
  })

  app.get('/devices/:deviceId/dead-letters', { config: { role: 'manager' }, schema: { tags, params: deviceParamsSchema, querystring: deadLettersQuerySchema, response: { 200: z.object({ deadLetters: z.array(deadLetterSchema) }), ...errors } } }, async request => {
    const rows = await deadLettersOf(app.db, actor(request), request.params.deviceId, request.query.limit)
    return { deadLetters: rows.map(deadLetterView) }
  })
}
export default plugin
