// GET /api/events: server-sent events for live staff pages, authenticated
// like every /api route (Bearer token). `alarm` events carry each alarm change
// with its change id as the SSE id, so a page that reconnects with
// Last-Event-ID gets what it missed (the stream's first line already carries
// an id, so that holds even before its first alarm event); `presence` events say which devices went
// online or offline (all of the scope's devices first). Site-bound staff get
// their site only. A comment line every 15 s keeps proxies from closing it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { liveEventsQuerySchema } from '../../../schemas/http-alarms.ts'
import { alarmChangesAfter, latestAlarmChangeId, presenceChanges, presenceStates } from '../../alarms/live-changes.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { alarmView } from './alarms.ts'
import { errors } from './common.ts'

const KEEPALIVE_MS = 15_000

export interface LiveEventsOptions { pollMs: number }

const plugin: FastifyPluginAsyncZod<LiveEventsOptions> = async (app, opts) => {
  const open = new Set<() => void>()
  app.addHook('onClose', async () => { for (const end of [...open]) end() })

  app.get('/events', {
    schema: {
      tags: ['alarms'],
      querystring: liveEventsQuerySchema,
      description: 'text/event-stream: `alarm` events (id = change id; resume with Last-Event-ID) and `presence` events.',
      response: { ...errors }
    }
  }, async (request, reply) => {
    const staff = actor(request)
    if (request.query.siteId != null) assertSite(staff, request.query.siteId)
    const siteId = request.query.siteId ?? staff.siteId ?? undefined
    const lastEventId = Number(request.headers['last-event-id'])
    let cursor = Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : await latestAlarmChangeId(app.db)
    let online: Map<string, boolean> | undefined

    reply.hijack()
    const res = reply.raw
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    // An id without data moves the browser's Last-Event-ID without an event: a stream that drops
    // before its first alarm change resumes from here, not from whatever is newest by then.
    res.write(`: connected\nid: ${cursor}\n\n`)
    const send = (event: string, data: unknown, id?: number) => res.write(`event: ${event}\n${id != null ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`)

    let stopped = false
    let timer: NodeJS.Timeout | undefined
    let lastWriteMs = Date.now()
    const end = () => {
      if (stopped) return
      stopped = true
      clearTimeout(timer)
      open.delete(end)
      res.end()
    }
    open.add(end)
    request.raw.on('close', end)

    const poll = async () => {
      try {
        const now = Date.now()
        for (const change of await alarmChangesAfter(app.db, cursor, siteId)) {
          cursor = change.changeId
          if (change.alarm.key.siteId == null && staff.siteId != null) continue
          send('alarm', { changeId: change.changeId, action: change.action, atMs: change.atMs, actor: { kind: change.actorKind, id: change.actorId }, toState: change.toState, alarm: alarmView(change.alarm, now) }, change.changeId)
          lastWriteMs = now
        }
        const states = await presenceStates(app.db, siteId)
        for (const p of presenceChanges(online, states)) { send('presence', p); lastWriteMs = now }
        online = new Map(states.map(p => [p.deviceId, p.online]))
        if (now - lastWriteMs >= KEEPALIVE_MS) { res.write(': keep-alive\n\n'); lastWriteMs = now }
      } catch (err) {
        request.log.warn({ err }, 'live events poll failed; retried')
      }
      if (!stopped) timer = setTimeout(() => { void poll() }, opts.pollMs)
    }
    await poll()
  })
}

export default plugin
