// Audit log of staff actions over HTTP. Every mutating request (POST, PUT,
// PATCH, DELETE) that got past authentication is recorded when its response
// is sent, whether it succeeded or was refused (403, 409, 429 …): who, what,
// when, from where. GET /api/audit lets admins read it; no route edits or
// deletes it. Writes are queued (services/audit/audit-log.ts), not awaited.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { auditPageSchema, auditQuerySchema } from '../../schemas/http-audit.ts'
import { createAuditWriter, listAuditEntries, summarizeBody, type AuditRecord, type AuditWriter } from '../audit/audit-log.ts'
import type { Logger } from '../logger.ts'
import { redactFields } from '../redaction.ts'
import { actor } from './auth.ts'
import { errors } from './routes/common.ts'

declare module 'fastify' {
  interface FastifyInstance { audit: AuditWriter }
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The audit record of a finished request (`atMs`: when it arrived), or undefined when it is not a staff action. */
export function auditRecordOf (request: FastifyRequest, statusCode: number, durationMs: number, nowMs = Date.now()): AuditRecord | undefined {
  const staff = request.staff
  const route = request.routeOptions.url
  if (staff == null || route == null || !mutating.has(request.method)) return undefined
  return {
    atMs: Math.round(nowMs - durationMs),
    staffId: staff.id,
    staffRole: staff.role,
    staffSiteId: staff.siteId,
    method: request.method,
    route,
    params: redactFields((request.params ?? {}) as Record<string, unknown>),
    bodySummary: request.body === undefined ? undefined : summarizeBody(request.body),
    statusCode,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    requestId: String(request.id),
    durationMs
  }
}

export default fp(async (app: FastifyInstance) => {
  const writer = createAuditWriter(app.db, app.log.child({ module: 'audit' }) as unknown as Logger)
  app.decorate('audit', writer)
  app.addHook('onResponse', async (request, reply) => {
    const record = auditRecordOf(request, reply.statusCode, reply.elapsedTime)
    if (record != null) writer.record(record)
  })
  app.addHook('onClose', async () => { await writer.flush() })

  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    config: { role: 'admin' },
    schema: {
      tags: ['audit'],
      description: 'Staff actions, newest first: every POST/PUT/PATCH/DELETE after authentication, with its outcome. Read-only: no route edits or deletes entries. A site-bound admin sees the staff of their site.',
      querystring: auditQuerySchema,
      response: { 200: auditPageSchema, ...errors }
    }
  }, async request => {
    const who = actor(request)
    const q = request.query
    const entries = await listAuditEntries(app.db, { sinceMs: q.since, staffId: q.staffId, beforeId: q.before, limit: q.limit, staffSiteId: who.siteId ?? undefined })
    return { entries }
  })
}, { name: 'audit', dependencies: ['db', 'auth'] })
