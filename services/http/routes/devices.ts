// Devices of a site, provisioning (secret shown once), credentials (disable,
// enable, rotate the secret; the live connection is closed at once), dead letters,
// and one device's recent events and commands (the device detail page).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Transaction } from 'kysely'
import { z } from 'zod'
import { createDeviceBodySchema, deadLetterSchema, deadLettersQuerySchema, deviceParamsSchema, deviceSchema, provisionedDeviceSchema, rotatedSecretSchema, siteParamsSchema } from '../../../schemas/http.ts'
import { deviceCommandsSchema, deviceEventsSchema, deviceHistoryQuerySchema } from '../../../schemas/http-device-history.ts'
import { getDevice, listDevices, provisionDevice } from '../../devices/device-registry.ts'
import { recentCommands, recentEvents } from '../../devices/device-history.ts'
import { getSite } from '../../sites/site-registry.ts'
import { lastAuthFailures } from '../../devices/auth-failures.ts'
import { disableDevice, enableDevice, rotateDeviceSecret, type DeviceSessions } from '../../devices/credentials.ts'
import type { Database } from '../../store/database.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { deadLettersOf } from '../../counter/dead-letter-view.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { deadLetterView, deviceView } from '../views.ts'
import { errors } from './common.ts'

const tags = ['devices']

const plugin: FastifyPluginAsyncZod = async (app) => {
  /** The device, after checking the caller may act on its site. */
  async function deviceFor (request: Parameters<typeof actor>[0], deviceId: string) {
    const device = await getDevice(app.db, deviceId)
    assertSite(actor(request), device.site_id)
    return device
  }

  /**
   * Runs a credential change in an audited transaction; the live connection is
   * closed after the commit, so a device reconnecting meanwhile meets the new state.
   */
  async function changeCredentials<T> (fn: (trx: Transaction<Database>, sessions: DeviceSessions) => Promise<T>): Promise<T> {
    const closing: string[] = []
    const result = await transaction(app.db, trx => fn(trx, { disconnect: deviceId => { closing.push(deviceId) } }))
    for (const deviceId of closing) app.deviceSessions.disconnect(deviceId)
    return result
  }

  async function withFailure (device: Parameters<typeof deviceView>[0]) {
    return deviceView(device, (await lastAuthFailures(app.db, [device.id])).get(device.id))
  }

  app.post('/sites/:siteId/devices', { config: { role: 'admin' }, schema: { tags, params: siteParamsSchema, body: createDeviceBodySchema, response: { 201: provisionedDeviceSchema, ...errors } } }, async (request, reply) => {
    assertSite(actor(request), request.params.siteId)
    const { device, secret } = await transaction(app.db, trx => provisionDevice(trx, app.devicePepper, { ...request.body, siteId: request.params.siteId }))
    request.log.info({ deviceId: device.id, siteId: device.site_id }, 'device provisioned')
    return reply.code(201).send({ device: deviceView(device), secret })
  })

  app.get('/sites/:siteId/devices', { schema: { tags, params: siteParamsSchema, response: { 200: z.object({ devices: z.array(deviceSchema) }), ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    await getSite(app.db, request.params.siteId)
    const devices = await listDevices(app.db, request.params.siteId)
    const failures = await lastAuthFailures(app.db, devices.map(d => d.id))
    return { devices: devices.map(d => deviceView(d, failures.get(d.id))) }
  })

  app.post('/devices/:deviceId/disable', { config: { role: 'admin' }, schema: { tags, params: deviceParamsSchema, response: { 200: deviceSchema, ...errors } } }, async request => {
    await deviceFor(request, request.params.deviceId)
    const device = await changeCredentials((trx, sessions) => disableDevice(trx, sessions, request.params.deviceId))
    request.log.info({ deviceId: device.id }, 'device disabled')
    return withFailure(device)
  })

  app.post('/devices/:deviceId/enable', { config: { role: 'admin' }, schema: { tags, params: deviceParamsSchema, response: { 200: deviceSchema, ...errors } } }, async request => {
    await deviceFor(request, request.params.deviceId)
    const device = await transaction(app.db, trx => enableDevice(trx, request.params.deviceId))
    request.log.info({ deviceId: device.id }, 'device enabled')
    return withFailure(device)
  })

  app.post('/devices/:deviceId/rotate-secret', { config: { role: 'admin' }, schema: { tags, params: deviceParamsSchema, response: { 200: rotatedSecretSchema, ...errors } } }, async request => {
    await deviceFor(request, request.params.deviceId)
    const { device, secret } = await changeCredentials((trx, sessions) => rotateDeviceSecret(trx, app.devicePepper, sessions, request.params.deviceId))
    request.log.info({ deviceId: device.id }, 'device secret rotated')
    return { device: await withFailure(device), secret }
  })

  app.get('/devices/:deviceId', { config: { role: 'manager' }, schema: { tags, summary: 'One device of the caller\'s sites', params: deviceParamsSchema, response: { 200: deviceSchema, ...errors } } }, async request => {
    return withFailure(await deviceFor(request, request.params.deviceId))
  })

  app.get('/devices/:deviceId/events', { config: { role: 'manager' }, schema: { tags, summary: 'The device\'s recent events, newest first: what each did (not its payload)', params: deviceParamsSchema, querystring: deviceHistoryQuerySchema, response: { 200: deviceEventsSchema, ...errors } } }, async request => {
    await deviceFor(request, request.params.deviceId)
    return { events: await recentEvents(app.db, request.params.deviceId, request.query.limit) }
  })

  app.get('/devices/:deviceId/commands', { config: { role: 'manager' }, schema: { tags, summary: 'The commands sent to the device, newest first, with their acks', params: deviceParamsSchema, querystring: deviceHistoryQuerySchema, response: { 200: deviceCommandsSchema, ...errors } } }, async request => {
    await deviceFor(request, request.params.deviceId)
    return { commands: await recentCommands(app.db, request.params.deviceId, request.query.limit) }
  })

  app.get('/devices/:deviceId/dead-letters', { config: { role: 'manager' }, schema: { tags, params: deviceParamsSchema, querystring: deadLettersQuerySchema, response: { 200: z.object({ deadLetters: z.array(deadLetterSchema) }), ...errors } } }, async request => {
    const rows = await deadLettersOf(app.db, actor(request), request.params.deviceId, request.query.limit)
    return { deadLetters: rows.map(deadLetterView) }
  })
}
export default plugin
