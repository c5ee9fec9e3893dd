// Device health per device and per site (services/devices/device-health.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { deviceParamsSchema, siteParamsSchema } from '../../../schemas/http.ts'
import { deviceHealthSchema } from '../../../schemas/http-alarms.ts'
import { deviceHealth } from '../../devices/device-health.ts'
import { DomainError } from '../../errors.ts'
import { getSite } from '../../sites/site-registry.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { errors } from './common.ts'

const tags = ['devices']

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get('/devices/:deviceId/health', { schema: { tags, params: deviceParamsSchema, response: { 200: deviceHealthSchema, ...errors } } }, async request => {
    const [health] = await deviceHealth(app.db, { deviceId: request.params.deviceId }, Date.now())
    if (health == null) throw new DomainError('DEVICE_UNKNOWN')
    assertSite(actor(request), health.siteId)
    return health
  })

  app.get('/sites/:siteId/health', { schema: { tags, params: siteParamsSchema, response: { 200: z.object({ devices: z.array(deviceHealthSchema) }), ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    await getSite(app.db, request.params.siteId)
    return { devices: await deviceHealth(app.db, { siteId: request.params.siteId }, Date.now()) }
  })
}

export default plugin
