// Staff accounts (admin) and "who am I".
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { createStaffBodySchema, createdStaffSchema, idParamsSchema, staffSchema } from '../../../schemas/http.ts'
import { createStaff, deactivateStaff, getStaff, listStaff } from '../../staff/staff.ts'
import { assertAllSites, assertSite } from '../../staff/roles.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { actor } from '../auth.ts'
import { staffView } from '../views.ts'
import { errors } from './common.ts'

const tags = ['staff']

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post('/staff', { config: { role: 'admin' }, schema: { tags, body: createStaffBodySchema, response: { 201: createdStaffSchema, ...errors } } }, async (request, reply) => {
    const me = actor(request)
    const siteId = request.body.siteId ?? null
    if (siteId == null) assertAllSites(me)
    else assertSite(me, siteId)
    const { staff, token } = await transaction(app.db, trx => createStaff(trx, { ...request.body, siteId }))
    request.log.info({ newStaffId: staff.id, role: staff.role }, 'staff created')
    return reply.code(201).send({ staff: staffView(staff), token })
  })

  app.get('/staff', { config: { role: 'admin' }, schema: { tags, response: { 200: z.object({ staff: z.array(staffSchema) }), ...errors } } }, async request => {
    const me = actor(request)
    return { staff: (await listStaff(app.db, me.siteId ?? undefined)).map(staffView) }
  })

  app.post('/staff/:id/deactivate', { config: { role: 'admin' }, schema: { tags, params: idParamsSchema, response: { 200: staffSchema, ...errors } } }, async request => {
    return staffView(await transaction(app.db, async trx => {
      const target = await getStaff(trx, request.params.id)
      const me = actor(request)
      if (target.site_id == null) assertAllSites(me)
      else assertSite(me, target.site_id)
      return deactivateStaff(trx, target.id)
    }))
  })

  app.get('/me', { schema: { tags, response: { 200: staffSchema, ...errors } } }, async request => {
    return staffView(await getStaff(app.db, actor(request).id))
  })
}
export default plugin
