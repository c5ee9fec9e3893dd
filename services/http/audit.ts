// Audit log of staff actions over HTTP. Every mutating request (POST, PUT,
// PATCH, DELETE) that got past authentication is recorded, whether it
// succeeded or was refused (403, 409, 429 …): who, what, when, from where.
// - A committed action: its row is written in the action's own transaction
//   (the handler runs in an audit context; services/audit/audited-transaction.ts).
// - Anything else (refused before any transaction, rolled back, or a route
//   that wrote outside `transaction()`): a row with the answer's status is
//   written before the answer is sent (services/audit/audit-writer.ts).
// So an answer that reached the client always has its row. GET /api/audit
// lets admins read it; no route edits or deletes it.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { auditPageSchema, auditQuerySchema } from '../../schemas/http-audit.ts'
import { listAuditEntries, summarizeBody, type AuditRecord } from '../audit/audit-log.ts'
import { runAudited, type AuditContext } from '../audit/audited-transaction.ts'
import { createAuditWriter, type AuditWriter } from '../audit/audit-writer.ts'
import type { Logger } from '../logger.ts'
import { redactFields } from '../redaction.ts'
import { actor } from './auth.ts'
import { errors } from './routes/common.ts'

declare module 'fastify' {
  interface FastifyInstance { audit: AuditWriter }
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The status a route answers when it succeeds: the one 2xx of its response schema (200 if none is declared). */
function successStatusOf (route: RouteOptions): number {
  const codes = Object.keys((route.schema?.response ?? {}) as Record<string, unknown>).filter(code => /^2\d\d$/.test(code))
  return codes.length > 0 ? Number(codes[0]) : 200
}

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
  const log = app.log.child({ module: 'audit' }) as unknown as Logger
  const writer = createAuditWriter(app.db, log)
  app.decorate('audit', writer)
  const contexts = new WeakMap<FastifyRequest, AuditContext>()

  // every mutating route registered after this plugin runs its handler in an audit context
  app.addHook('onRoute', route => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (!methods.some(m => mutating.has(m))) return
    const handler = route.handler
    const successStatus = successStatusOf(route)
    route.handler = function (request, reply) {
      if (request.staff == null) return handler.call(this, request, reply)
      const context: AuditContext = { committedRecord: () => auditRecordOf(request, successStatus, reply.elapsedTime), written: false }
      contexts.set(request, context)
      return runAudited(context, () => handler.call(this, request, reply))
    }
  })

  // before the answer leaves: the row of any request whose action did not commit one
  app.addHook('onSend', async (request, reply, payload) => {
    if (contexts.get(request)?.written === true) return payload
    const record = auditRecordOf(request, reply.statusCode, reply.elapsedTime)
    if (record == null) return payload
    // a 2xx here means a route wrote outside transaction(), unless it replayed a stored answer (nothing committed)
    if (reply.statusCode < 300 && reply.getHeader('idempotent-replayed') == null) log.warn({ method: record.method, route: record.route }, 'staff action committed outside an audited transaction: its audit row is written separately')
    await writer.record(record)
    return payload
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
