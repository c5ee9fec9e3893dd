// Liveness (/health) and readiness (/ready: the database answers). No token.
import { sql } from 'kysely'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { healthSchema, readySchema } from '../../../schemas/http.ts'

export interface HealthOptions { health?: (() => Promise<Record<string, unknown>> | Record<string, unknown>) | undefined }

const plugin: FastifyPluginAsyncZod<HealthOptions> = async (app, opts) => {
  app.get('/health', { config: { public: true }, schema: { tags: ['health'], response: { 200: healthSchema } } }, async () => {
    const extra = opts.health == null ? {} : await opts.health()
    return { ...extra, status: 'ok' as const }
  })

  app.get('/ready', { config: { public: true }, schema: { tags: ['health'], response: { 200: readySchema, 503: readySchema } } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(app.db)
      return { status: 'ready' as const }
    } catch (err) {
      request.log.warn({ err }, 'database not ready')
      return reply.code(503).send({ status: 'unavailable' as const })
    }
  })
}
export default plugin
