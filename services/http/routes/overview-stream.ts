// GET /api/sites/{siteId}/overview/stream: the overview page's numbers, live,
// as server-sent events. Every OVERVIEW_STREAM_INTERVAL_MS the overview is
// read again and sent when it changed (`event: overview`), with a comment line
// now and then so proxies keep the connection. The credential is checked on
// every tick without counting as use: a wall screen left open still goes idle,
// and its stream then ends with `event: signed-out`.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { siteParamsSchema } from '../../../schemas/http.ts'
import { siteOverview } from '../../overview/site-overview.ts'
import { getSite } from '../../sites/site-registry.ts'
import { authenticateStaff } from '../../staff/staff.ts'
import { assertSite } from '../../staff/roles.ts'
import { webSessionStillOpen, type SessionPolicy } from '../../web-sessions/web-sessions.ts'
import { actor } from '../auth.ts'
import { errors } from './common.ts'

export interface OverviewStreamOptions { intervalMs: number, sessionPolicy: SessionPolicy }

const keepAliveMs = 25_000

const plugin: FastifyPluginAsyncZod<OverviewStreamOptions> = async (app, opts) => {
  const open = new Set<() => void>()
  // a stream is never idle: end them before the server waits for its connections to close
  app.addHook('preClose', async () => { for (const end of [...open]) end() })

  app.get('/sites/:siteId/overview/stream', {
    schema: {
      tags: ['sites'],
      description: 'Server-sent events: `overview` (data: SiteOverview JSON) at once and whenever it changes; `signed-out` when the session or token stops being valid, then the stream ends.',
      produces: ['text/event-stream'],
      params: siteParamsSchema,
      response: { 200: z.string().describe('text/event-stream'), ...errors }
    }
  }, async (request, reply) => {
    const me = actor(request)
    assertSite(me, request.params.siteId)
    await getSite(app.db, request.params.siteId)
    const siteId = request.params.siteId
    const session = request.webSession
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1]
    const stillValid = async () => session != null
      ? webSessionStillOpen(app.db, session.sessionId, opts.sessionPolicy)
      : token != null && (await authenticateStaff(app.db, token))?.id === me.id

    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    let last = ''
    let lastWriteMs = Date.now()
    let timer: NodeJS.Timeout | undefined
    let ended = false
    const end = () => {
      if (ended) return
      ended = true
      clearTimeout(timer)
      open.delete(end)
      raw.end()
    }
    open.add(end)
    raw.on('close', end)

    const tick = async () => {
      try {
        if (!(await stillValid())) {
          raw.write('event: signed-out\ndata: {}\n\n')
          end()
          return
        }
        const text = JSON.stringify(await siteOverview(app.db, siteId))
        if (ended) return
        if (text !== last) {
          raw.write(`event: overview\ndata: ${text}\n\n`)
          last = text
          lastWriteMs = Date.now()
        } else if (Date.now() - lastWriteMs >= keepAliveMs) {
          raw.write(': keep-alive\n\n')
          lastWriteMs = Date.now()
        }
      } catch (err) {
        request.log.error({ err }, 'overview stream failed')
        end()
        return
      }
      if (!ended) timer = setTimeout(() => { void tick() }, opts.intervalMs)
    }
    await tick()
  })
}
export default plugin
