// Alarms for staff: current (most severe, then oldest first) with filters,
// history with durations, one alarm with its changes, and the staff actions
// (acknowledge, shelve, unshelve, out of / back in service, clear). Each
// action runs the pure lifecycle in an audited transaction; a refusal is a
// 409 with the lifecycle's reason and changes nothing.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { alarmHistoryQuerySchema, alarmParamsSchema, alarmSchema, alarmWithHistorySchema, currentAlarmsQuerySchema, reasonBodySchema, shelveBodySchema } from '../../../schemas/http-alarms.ts'
import { stateOf, type Alarm } from '../../alarms/alarm.ts'
import { alarmEpisodes, durationMs } from '../../alarms/alarm-history.ts'
import type { AlarmAction } from '../../alarms/alarm-lifecycle.ts'
import { alarmHistory, changeAlarm, currentAlarms, findAlarm } from '../../alarms/alarm-repository.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { DomainError } from '../../errors.ts'
import { assertAllSites, assertSite, type Actor } from '../../staff/roles.ts'
import type { StaffRole } from '../../store/database.ts'
import { actor } from '../auth.ts'
import { errors } from './common.ts'

const tags = ['alarms']

export function alarmView (alarm: Alarm, nowMs: number) {
  const { key, updatedAtMs: _updated, ...rest } = alarm
  return { ...rest, siteId: key.siteId, deviceId: key.deviceId, type: key.type, source: key.source, state: stateOf(alarm), durationMs: durationMs(alarm, nowMs) }
}

/** Site-bound staff see their site's alarms; backend alarms (no site) only staff for all sites. */
export function assertMaySee (staff: Actor, alarm: Alarm): void {
  if (alarm.key.siteId == null) assertAllSites(staff)
  else assertSite(staff, alarm.key.siteId)
}

/** The site a listing is about: the one asked for (if the caller may), or the caller's own. */
function siteScope (staff: Actor, siteId: string | undefined): string | undefined {
  if (siteId != null) assertSite(staff, siteId)
  return siteId ?? staff.siteId ?? undefined
}

type StaffAction = Exclude<AlarmAction, { kind: 'raise' | 'expire-shelf' | 'group' }>

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get('/alarms', { schema: { tags, querystring: currentAlarmsQuerySchema, response: { 200: z.object({ alarms: z.array(alarmSchema) }), ...errors } } }, async request => {
    const staff = actor(request)
    const alarms = await currentAlarms(app.db, { ...request.query, siteId: siteScope(staff, request.query.siteId) })
    const now = Date.now()
    return { alarms: alarms.filter(a => a.key.siteId != null || staff.siteId == null).map(a => alarmView(a, now)) }
  })

  app.get('/alarms/history', { schema: { tags, querystring: alarmHistoryQuerySchema, response: { 200: z.object({ alarms: z.array(alarmSchema) }), ...errors } } }, async request => {
    const staff = actor(request)
    const alarms = await alarmEpisodes(app.db, { ...request.query, siteId: siteScope(staff, request.query.siteId) })
    const now = Date.now()
    return { alarms: alarms.filter(a => a.key.siteId != null || staff.siteId == null).map(a => alarmView(a, now)) }
  })

  app.get('/alarms/:alarmId', { schema: { tags, params: alarmParamsSchema, response: { 200: alarmWithHistorySchema, ...errors } } }, async request => {
    const alarm = await findAlarm(app.db, request.params.alarmId)
    if (alarm == null) throw new DomainError('ALARM_UNKNOWN')
    assertMaySee(actor(request), alarm)
    return { alarm: alarmView(alarm, Date.now()), changes: await alarmHistory(app.db, alarm.id) }
  })

  function action<B extends z.ZodType> (path: string, role: StaffRole, body: B | undefined, toAction: (body: z.infer<B>) => StaffAction) {
    app.post(`/alarms/:alarmId/${path}`, { config: { role }, schema: { tags, params: alarmParamsSchema, ...(body != null ? { body } : {}), response: { 200: alarmSchema, ...errors } } }, async request => {
      const staff = actor(request)
      const found = await findAlarm(app.db, request.params.alarmId)
      if (found == null) throw new DomainError('ALARM_UNKNOWN')
      assertMaySee(staff, found)
      const now = Date.now()
      const alarm = await transaction(app.db, async trx => {
        const result = await changeAlarm(trx, found.id, toAction(request.body as z.infer<B>), { kind: 'staff', id: staff.id }, now)
        // thrown inside: the audit row written first in this transaction must not record a refusal as done
        if (!result.ok) throw new DomainError('ALARM_CHANGE_REFUSED', result.message, { reason: result.code })
        return result.alarm
      })
      request.log.info({ alarmId: found.id, action: path }, 'alarm changed')
      return alarmView(alarm, now)
    })
  }
  action('acknowledge', 'counter', undefined, () => ({ kind: 'acknowledge' }))
  action('clear', 'counter', undefined, () => ({ kind: 'clear' }))
  action('shelve', 'manager', shelveBodySchema, b => ({ kind: 'shelve', reason: b.reason, untilMs: b.untilMs }))
  action('unshelve', 'manager', undefined, () => ({ kind: 'unshelve' }))
  action('out-of-service', 'manager', reasonBodySchema, b => ({ kind: 'remove-from-service', reason: b.reason }))
  action('in-service', 'manager', undefined, () => ({ kind: 'return-to-service' }))
}

export default plugin
