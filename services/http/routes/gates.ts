// Gates over HTTP: the access log (filters, cursor paging) and its CSV export,
// remote open (manager, reason required, audited, answered when the gate acks
// or times out), visitor passes and the site keys that sign them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { siteParamsSchema } from '../../../schemas/http.ts'
import {
  accessLogPageSchema, accessLogQuerySchema, gateParamsSchema, issuedPassSchema, issuePassBodySchema, passKeyParamsSchema, passKeySchema, passKeysSchema,
  passesQuerySchema, passParamsSchema, remoteOpenBodySchema, remoteOpenResultSchema, visitorPassSchema, type AccessLogQuery
} from '../../../schemas/http-gates.ts'
import { transaction } from '../../audit/audited-transaction.ts'
import { relayedMessage } from '../../devices/command-relay.ts'
import { DomainError } from '../../errors.ts'
import { decodeCursor, encodeCursor, listAccess, type AccessLogFilter } from '../../gate/access-log.ts'
import { accessLogCsv } from '../../gate/access-log-csv.ts'
import { addPassKey, getVisitorPass, issueVisitorPass, listVisitorPasses, passKeyRows, retirePassKey, revokeVisitorPass } from '../../gate/pass-issuing.ts'
import { awaitGateAck, recordRemoteOpen } from '../../gate/remote-open.ts'
import { getSite } from '../../sites/site-registry.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { accessLogEntryView, passKeyView, visitorPassView } from '../gate-views.ts'
import { errors } from './common.ts'

const tags = ['gates']

const filterOf = (siteId: string, q: AccessLogQuery): AccessLogFilter => ({
  siteId, gateId: q.gateId, cardUid: q.card, householdId: q.householdId, decision: q.decision, mode: q.mode, fromMs: q.from, untilMs: q.until
})

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get('/sites/:siteId/access-log', { config: { role: 'manager' }, schema: { tags, summary: 'Access log, newest first, with filters and cursor paging', params: siteParamsSchema, querystring: accessLogQuerySchema, response: { 200: accessLogPageSchema, ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    const cursor = request.query.cursor == null ? undefined : decodeCursor(request.query.cursor)
    if (cursor === null) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API gave')
    const page = await listAccess(app.db, filterOf(request.params.siteId, request.query), request.query.limit, cursor)
    return { entries: page.rows.map(accessLogEntryView), nextCursor: page.next == null ? null : encodeCursor(page.next) }
  })

  app.get('/sites/:siteId/access-log.csv', { config: { role: 'manager' }, schema: { tags, summary: 'The access log as CSV (text/csv, streamed), same filters; cursor and limit are ignored', params: siteParamsSchema, querystring: accessLogQuerySchema } }, async (request, reply) => {
    assertSite(actor(request), request.params.siteId)
    await getSite(app.db, request.params.siteId)
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="access-log-${request.params.siteId}.csv"`)
      .send(accessLogCsv(app.db, filterOf(request.params.siteId, request.query)))
  })

  app.post('/gates/:deviceId/open', { config: { role: 'manager' }, schema: { tags, summary: 'Open a gate remotely; answers when the gate acks, refuses, or does not answer in time', params: gateParamsSchema, body: remoteOpenBodySchema, response: { 200: remoteOpenResultSchema, ...errors } } }, async request => {
    const command = await transaction(app.db, trx => recordRemoteOpen(trx, actor(request), { deviceId: request.params.deviceId, ...request.body }))
    app.deviceCommands.send(relayedMessage(request.params.deviceId, command))
    request.log.info({ deviceId: request.params.deviceId, cmdId: command.cmdId }, 'remote open sent')
    const outcome = await awaitGateAck(app.db, request.params.deviceId, command.cmdId, command.ts + request.body.timeoutMs)
    return { cmdId: command.cmdId, ...outcome }
  })

  app.get('/sites/:siteId/pass-keys', { config: { role: 'admin' }, schema: { tags, params: siteParamsSchema, response: { 200: passKeysSchema, ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    return { keys: (await passKeyRows(app.db, request.params.siteId)).map(passKeyView) }
  })

  app.post('/sites/:siteId/pass-keys', { config: { role: 'admin' }, schema: { tags, summary: 'Rotate: a new signing key; older keys keep verifying their passes until retired', params: siteParamsSchema, response: { 201: passKeySchema, ...errors } } }, async (request, reply) => {
    assertSite(actor(request), request.params.siteId)
    await getSite(app.db, request.params.siteId)
    return reply.code(201).send(passKeyView(await transaction(app.db, trx => addPassKey(trx, request.params.siteId))))
  })

  app.post('/sites/:siteId/pass-keys/:kid/retire', { config: { role: 'admin' }, schema: { tags, summary: 'Retire a key: its passes are refused (UNKNOWN_KEY) once gates hold the next list', params: passKeyParamsSchema, response: { 200: z.object({ kid: z.string(), retired: z.literal(true) }), ...errors } } }, async request => {
    assertSite(actor(request), request.params.siteId)
    await transaction(app.db, trx => retirePassKey(trx, request.params.siteId, request.params.kid))
    return { kid: request.params.kid, retired: true as const }
  })

  app.post('/sites/:siteId/visitor-passes', { config: { role: 'counter' }, schema: { tags, summary: 'Issue a visitor pass (a signed QR string)', params: siteParamsSchema, body: issuePassBodySchema, response: { 201: issuedPassSchema, ...errors } } }, async (request, reply) => {
    const issued = await transaction(app.db, trx => issueVisitorPass(trx, actor(request), request.params.siteId, request.body))
    return reply.code(201).send({ pass: visitorPassView(issued.pass), qr: issued.qr })
  })

  app.get('/sites/:siteId/visitor-passes', { schema: { tags, summary: 'The site\'s visitor passes, newest first (by default those still usable)', params: siteParamsSchema, querystring: passesQuerySchema, response: { 200: z.object({ passes: z.array(visitorPassSchema) }), ...errors } } }, async request => {
    return { passes: (await listVisitorPasses(app.db, actor(request), request.params.siteId, request.query)).map(visitorPassView) }
  })

  app.get('/visitor-passes/:passId', { schema: { tags, params: passParamsSchema, response: { 200: visitorPassSchema, ...errors } } }, async request => {
    return visitorPassView(await getVisitorPass(app.db, actor(request), request.params.passId))
  })

  app.post('/visitor-passes/:passId/revoke', { config: { role: 'counter' }, schema: { tags, summary: 'Revoke a pass: refused online at once, offline from the gates\' next list version; beyond 2,000 revocations still valid per site, 409 CONFLICT', params: passParamsSchema, response: { 200: visitorPassSchema, ...errors } } }, async request => {
    return visitorPassView(await transaction(app.db, trx => revokeVisitorPass(trx, actor(request), request.params.passId)))
  })
}
export default plugin
