// GET /api/events on a real listening backend: a kiosk's alarm over MQTT
// reaches a live page as an `alarm` event, its disconnect as a `presence`
// event; a page that reconnects with Last-Event-ID gets the change it missed;
// no token, no stream; site staff see only their site. Both stores.
import t, { type Test } from 'tap'
import type { Config } from '../../services/config.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { aKiosk, aSite } from '../fixtures/builders.ts'
import { startKioskScene } from '../helpers/backend.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'

const skipPostgres = await postgresSkipReasonIfAny()

interface SseEvent { event: string, id: string | undefined, data: Record<string, unknown> }

/** Opens the stream and collects its events as they arrive. */
async function openStream (t: Test, url: string, token: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: controller.signal })
  const events: SseEvent[] = []
  // as EventSource keeps it: any block with an id moves it, with or without data
  const stream = { lastEventId: '' }
  t.teardown(() => { controller.abort() })
  if (res.body == null) throw new Error('no body')
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += value
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const field = (name: string) => block.split('\n').find(l => l.startsWith(`${name}: `))?.slice(name.length + 2)
          const data = field('data')
          const id = field('id')
          if (id != null) stream.lastEventId = id
          if (data != null) events.push({ event: field('event') ?? 'message', id: field('id'), data: JSON.parse(data) as Record<string, unknown> })
        }
      }
    } catch { /* aborted at teardown */ }
  })()
  return { res, events, stream, close: () => { controller.abort() } }
}

async function liveEvents (t: Test, overrides: Partial<Config>) {
  const { backend, db, site, device, kiosk } = await startKioskScene(t, { ...overrides, LIVE_EVENTS_POLL_MS: 100, ALARM_SWEEP_MS: 0 })
  const other = await aSite(db)
  await aKiosk(db, other.id)
  const { token: siteToken } = await createStaff(db, { username: 'watcher', name: 'Watcher', role: 'counter', siteId: site.id })
  const url = `${backend.httpUrl}/api/events`

  t.equal((await fetch(url)).status, 401, 'no token, no stream')
  const forbidden = await fetch(`${url}?siteId=${other.id}`, { headers: { authorization: `Bearer ${siteToken}` } })
  t.equal(forbidden.status, 403, 'not another site')

  await waitUntil(async () => (await db.selectFrom('devices').select('online').where('id', '=', device.id).executeTakeFirstOrThrow()).online === 1, 'the kiosk is online')
  const page = await openStream(t, url, siteToken)
  t.equal(page.res.headers.get('content-type'), 'text/event-stream')
  await waitUntil(() => page.events.some(e => e.event === 'presence' && e.data.deviceId === device.id && e.data.online === true), 'the first presence of the kiosk')
  t.notOk(page.events.some(e => e.data.siteId === other.id), 'only the caller\'s site')

  // a page whose stream drops before any alarm change resumes from where it connected
  const early = await openStream(t, url, siteToken)
  await waitUntil(() => early.stream.lastEventId !== '', 'the stream names its starting point')
  early.close()
  await kiosk.publishJson('events/alarm', { eventId: 'sse-0', ts: Date.now(), type: 'tamper', state: 'raised' })
  const late = await openStream(t, url, siteToken, { 'last-event-id': early.stream.lastEventId })
  await waitUntil(() => late.events.some(e => e.event === 'alarm'), 'the change made while it was away arrives')
  t.match(late.events.filter(e => e.event === 'alarm').map(e => e.data), [{ action: 'raise', alarm: { type: 'tamper' } }], 'exactly the change it missed')
  late.close()
  await waitUntil(() => page.events.some(e => e.event === 'alarm' && (e.data.alarm as { type?: string }).type === 'tamper'), 'the open page sees the tamper alarm too')

  await kiosk.publishJson('events/alarm', { eventId: 'sse-1', ts: Date.now(), type: 'smoke', state: 'raised' })
  await waitUntil(() => page.events.some(e => e.event === 'alarm' && (e.data.alarm as { type?: string }).type === 'smoke'), 'the alarm reaches the page')
  const raised = page.events.find(e => e.event === 'alarm' && (e.data.alarm as { type?: string }).type === 'smoke')
  t.match(raised?.data, { action: 'raise', actor: { kind: 'device', id: device.id }, alarm: { type: 'smoke', severity: 'critical', deviceId: device.id, state: 'active-unacknowledged' } })
  t.ok(raised?.id != null, 'with the change id as the event id')

  page.close()
  await kiosk.publishJson('events/alarm', { eventId: 'sse-2', ts: Date.now(), type: 'smoke', state: 'cleared' })
  const resumed = await openStream(t, url, siteToken, { 'last-event-id': raised?.id ?? '' })
  await waitUntil(() => resumed.events.some(e => e.event === 'alarm'), 'the missed change arrives after reconnecting')
  t.same(resumed.events.filter(e => e.event === 'alarm').map(e => e.data.action), ['clear'], 'exactly the missed change')

  await kiosk.end()
  await waitUntil(() => resumed.events.some(e => e.event === 'presence' && e.data.deviceId === device.id && e.data.online === false), 'the disconnect reaches the page as presence')
}

t.test('live events over SSE [sqlite]', async t => liveEvents(t, {}))
t.test('live events over SSE [postgres]', { skip: skipPostgres }, async t => liveEvents(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) }))
