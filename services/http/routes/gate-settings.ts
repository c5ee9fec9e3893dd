// Setting up a site's gates over HTTP: a gate's directions, zone and release
// time (pushed to the gate at once), anti-passback zones, access schedules,
// a card's schedule and the site's holidays (the allow-lists follow).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { cardParamsSchema, siteParamsSchema } from '../../../schemas/http.ts'
import { accessSchedulesSchema, cardScheduleBodySchema, gateParamsSchema, gateSettingsBodySchema, gateStateSchema, holidaysBodySchema, scheduleBodySchema, scheduleParamsSchema, siteHolidaysSchema, zoneBodySchema } from '../../../schemas/http-gates.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { relayedMessage } from '../../devices/command-relay.ts'
import { addZone, changeGate, gateState, readHolidays, readSchedules, saveCardSchedule, saveHolidays, saveSchedule } from '../../gate/gate-settings.ts'
import { actor } from '../auth.ts'
import { errors } from './common.ts'

const tags = ['gates']
const done = z.object({ ok: z.literal(true) })

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get('/gates/:deviceId', { config: { role: 'manager' }, schema: { tags, summary: 'A gate\'s settings and the state of its allow-list and clock', params: gateParamsSchema, response: { 200: gateStateSchema, ...errors } } }, async request => {
    return gateState(app.db, actor(request), request.params.deviceId)
  })

  app.put('/gates/:deviceId', { config: { role: 'admin' }, schema: { tags, summary: 'Set a gate\'s directions, zone and release time; sent to the gate at once (gate-config)', params: gateParamsSchema, body: gateSettingsBodySchema, response: { 200: gateStateSchema, ...errors } } }, async request => {
    const command = await transaction(app.db, trx => changeGate(trx, actor(request), request.params.deviceId, request.body))
    app.deviceCommands.send(relayedMessage(request.params.deviceId, command))
    return gateState(app.db, actor(request), request.params.deviceId)
  })

  app.post('/sites/:siteId/gate-zones', { config: { role: 'admin' }, schema: { tags, summary: 'An anti-passback zone', params: siteParamsSchema, body: zoneBodySchema, response: { 201: done, ...errors } } }, async (request, reply) => {
    await transaction(app.db, trx => addZone(trx, actor(request), request.params.siteId, request.body))
    return reply.code(201).send({ ok: true as const })
  })

  app.get('/sites/:siteId/access-schedules', { config: { role: 'manager' }, schema: { tags, summary: 'The site\'s access schedules (site-local time), by id', params: siteParamsSchema, response: { 200: accessSchedulesSchema, ...errors } } }, async request => {
    return { schedules: await readSchedules(app.db, actor(request), request.params.siteId) }
  })

  app.put('/sites/:siteId/access-schedules/:scheduleId', { config: { role: 'manager' }, schema: { tags, summary: 'Create or replace an access schedule (site-local time); a new one beyond 255 per site is 409 CONFLICT', params: scheduleParamsSchema, body: scheduleBodySchema, response: { 200: done, ...errors } } }, async request => {
    await transaction(app.db, trx => saveSchedule(trx, actor(request), request.params.siteId, { ...request.body, id: request.params.scheduleId }))
    return { ok: true as const }
  })

  app.put('/cards/:uid/schedule', { config: { role: 'manager' }, schema: { tags, summary: 'Give a card an access schedule (null: no time limit)', params: cardParamsSchema, body: cardScheduleBodySchema, response: { 200: done, ...errors } } }, async request => {
    await transaction(app.db, trx => saveCardSchedule(trx, actor(request), request.params.uid, request.body.scheduleId))
    return { ok: true as const }
  })

  app.get('/sites/:siteId/holidays', { config: { role: 'manager' }, schema: { tags, summary: 'The site\'s holidays, sorted', params: siteParamsSchema, response: { 200: siteHolidaysSchema, ...errors } } }, async request => {
    return { holidays: await readHolidays(app.db, actor(request), request.params.siteId) }
  })

  app.put('/sites/:siteId/holidays', { config: { role: 'manager' }, schema: { tags, summary: 'The site\'s holidays (schedules use their holiday periods on them)', params: siteParamsSchema, body: holidaysBodySchema, response: { 200: done, ...errors } } }, async request => {
    await transaction(app.db, trx => saveHolidays(trx, actor(request), request.params.siteId, request.body.holidays))
    return { ok: true as const }
  })
}
export default plugin
