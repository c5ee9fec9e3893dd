// The staff/counter HTTP API as a fastify instance. buildApp() registers
// everything and never listens; the entry file listens and shuts down.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifySchema } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { Database } from '../store/database.ts'
import auth from './auth.ts'
import db from './db.ts'
import deviceSessions from './device-sessions.ts'
import devicePepper from './device-pepper.ts'
import type { Pepper } from '../devices/pepper.ts'
import type { DeviceSessions } from '../devices/credentials.ts'
import { installErrorHandlers } from './error-handler.ts'
import security, { isPublicRoute, type HttpSecurityOptions } from './security.ts'
import audit from './audit.ts'
import health from './routes/health.ts'
import sites from './routes/sites.ts'
import devices from './routes/devices.ts'
import households from './routes/households.ts'
import cards from './routes/cards.ts'
import shopItems from './routes/shop-items.ts'
import redemptions from './routes/redemptions.ts'
import ledger from './routes/ledger.ts'
import adjustments from './routes/adjustments.ts'
import reviewItems from './routes/review-items.ts'
import staff from './routes/staff.ts'
import gates from './routes/gates.ts'
import gateSettings from './routes/gate-settings.ts'
import deviceCommands, { type DeviceCommandSender } from './device-commands.ts'
import cookie from '@fastify/cookie'
import webSession from './routes/web-session.ts'
import siteOverview from './routes/site-overview.ts'
import overviewStream from './routes/overview-stream.ts'
import webApp from './web-app.ts'
import charging from './routes/charging.ts'
import alarms from './routes/alarms.ts'
import deviceHealth from './routes/device-health.ts'
import liveEvents from './routes/live-events.ts'
import pickups from './routes/pickups.ts'
import webhooks from './routes/webhooks.ts'
import reports from './routes/reports.ts'
import metrics, { type ProcessFigures } from './routes/metrics.ts'
import settingsChanges from './routes/settings-changes.ts'
import residentAuth from './resident-auth.ts'
import residents from './routes/residents.ts'
import residentApi from './routes/resident-api.ts'

export interface AppDeps {
  db: Kysely<Database>
  /** Used as fastify's logger as is (pass `log.child({ module: 'http' })`). */
  log: Logger
  config: Config
  /** Extra fields for GET /health (broker clients, queue depths …). */
  health?: () => Promise<Record<string, unknown>> | Record<string, unknown>
  /** Closes a device's live MQTT connection (disable, secret rotation); the broker provides it. */
  deviceSessions?: DeviceSessions
  /** Key of device secret hashes; unset: read from config.DEVICE_SECRET_PEPPER_FILE. */
  pepper?: Pepper
  /** Sends a recorded command to a device's live connection (remote open, scan-to-charge); the broker provides it. */
  deviceCommands?: DeviceCommandSender
  /** Headers, rate limits, auth-failure throttle (services/http/security.ts); unset fields take the defaults. */
  security?: Partial<HttpSecurityOptions>
  /** The built staff web app (web/dist) served at `/`; unset: the default path; missing: API only. */
  webDistDir?: string
  /** This process's counters for GET /metrics (the backend provides them). */
  metrics?: () => ProcessFigures
  /** Called after each successful write request (not GET/HEAD): the backend's gate sync looks for a registry change at once. */
  afterWrite?: () => void
}

export async function buildApp (deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: deps.config.HTTP_BODY_LIMIT_BYTES
  })
  // JSON only: without fastify's default text/plain parser a text body is refused with 415
  // (FST_ERR_CTP_INVALID_MEDIA_TYPE) instead of reaching validation as a string.
  app.removeContentTypeParser('text/plain')
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  installErrorHandlers(app)
  await app.register(security, deps.security ?? {})
  const afterWrite = deps.afterWrite
  if (afterWrite != null) {
    app.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) afterWrite()
    })
  }

  await app.register(swagger, {
    openapi: {
      info: { title: 'Recycling kiosks: staff and counter API', version: '1.0.0', description: 'Staff token in `Authorization: Bearer <token>`; the /api/resident/… routes take a resident\'s token there instead (docs/residents.md). Errors: `{ error: { code, message, details? } }`. Points are integers; 100 points = 1 yuan.' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }]
    },
    // a route that takes no credential says so: `security: []` lifts the document's bearerAuth
    transform: document => {
      const transformed = jsonSchemaTransform(document)
      const schema = transformed.schema as (FastifySchema & { hide?: boolean }) | undefined // undefined for a route without one
      const open = isPublicRoute(document.url, document.route.config as { public?: boolean } | undefined)
      return open && schema?.hide !== true ? { ...transformed, schema: { security: [], ...schema } } : transformed
    },
    transformObject: jsonSchemaTransformObject
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  // the docs and health routes need no token
  app.addHook('onRoute', route => {
    if (route.url.startsWith('/docs')) route.config = { ...route.config, public: true }
  })

  await app.register(db, { db: deps.db })
  await app.register(deviceSessions, { deviceSessions: deps.deviceSessions })
  await app.register(deviceCommands, { deviceCommands: deps.deviceCommands })
  await app.register(devicePepper, { pepper: deps.pepper, pepperFile: deps.config.DEVICE_SECRET_PEPPER_FILE })
  await app.register(cookie)
  const sessionPolicy = { idleMs: deps.config.STAFF_SESSION_IDLE_MS, maxMs: deps.config.STAFF_SESSION_MAX_MS }
  await app.register(auth, { sessionPolicy })
  await app.register(residentAuth)
  await app.register(audit)
  await app.register(health, { health: deps.health })
  await app.register(metrics, { figures: deps.metrics })
  await app.register(async api => {
    for (const routes of [sites, devices, households, cards, shopItems, redemptions, ledger, adjustments, reviewItems, staff, gates, gateSettings, charging]) {
      await api.register(routes)
    }
    await api.register(siteOverview)
    await api.register(overviewStream, { intervalMs: deps.config.OVERVIEW_STREAM_INTERVAL_MS, sessionPolicy })
    await api.register(webSession, { signInsPerMinute: deps.config.HTTP_AUTH_FAILURES_PER_MIN, secureCookie: deps.security?.https ?? false, sessionPolicy })
    // alarms and device health (issue 12)
    for (const routes of [alarms, deviceHealth, webhooks, pickups]) await api.register(routes)
    await api.register(liveEvents, { pollMs: deps.config.LIVE_EVENTS_POLL_MS })
    await api.register(reports, { depositWindowMs: deps.config.SESSION_DEPOSIT_WINDOW_MS })
    await api.register(settingsChanges) // the settings page (issue 13)
    // residents' phone accounts (docs/residents.md)
    await api.register(residents, { invitationTtlMs: deps.config.RESIDENT_INVITATION_TTL_MS })
    await api.register(residentApi, {
      tokenTtlMs: deps.config.RESIDENT_TOKEN_TTL_MS, maxFailures: deps.config.RESIDENT_SIGN_IN_MAX_FAILURES,
      lockoutMs: deps.config.RESIDENT_SIGN_IN_LOCKOUT_MS, signInsPerMinute: deps.config.HTTP_AUTH_FAILURES_PER_MIN
    })
  }, { prefix: '/api' })
  await app.register(webApp, { distDir: deps.webDistDir })
  return app
}
