// The live overview over a real socket on both stores: the first event at
// once, a new one when the store changes, none while nothing changes, the
// stream ends with `signed-out` when the session expires; refusals as JSON.
import tap from 'tap'
import type { AddressInfo } from 'node:net'
import { aKiosk } from '../../fixtures/builders.ts'
import { errorCode, harness, onEachStore } from './harness.ts'
import { SESSION_COOKIE } from '../../../services/http/auth.ts'
import { waitUntil } from '../../helpers/wait-until.ts'

const t = onEachStore(tap)

interface Stream { events: Array<{ event: string, data: unknown }>, done: Promise<void>, abort: () => void }

/** Reads server-sent events from `url` into `events` until the server ends the stream or `abort()`. */
async function openStream (url: string, headers: Record<string, string>): Promise<{ status: number, stream: Stream }> {
  const controller = new AbortController()
  const res = await fetch(url, { headers, signal: controller.signal })
  const events: Stream['events'] = []
  const done = (async () => {
    if (res.body == null || res.status !== 200) return
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let at: number
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at)
          buffer = buffer.slice(at + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (event != null && data != null) events.push({ event, data: JSON.parse(data) })
        }
      }
    } catch (err) {
      if ((err as Error).name !== 'AbortError') throw err
    }
  })()
  return { status: res.status, stream: { events, done, abort: () => controller.abort() } }
}

t.test('overview stream: at once, on change, and ends when the session does', async t => {
  const h = await harness(t, { config: { OVERVIEW_STREAM_INTERVAL_MS: 100 } })
  await h.app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`
  const kiosk = await aKiosk(h.db, h.siteId)
  await h.admin.call('PUT', `/api/staff/${h.counter.id}/password`, { password: 'a password of ten' })
  const username = (await h.db.selectFrom('staff').select('username').where('id', '=', h.counter.id).executeTakeFirstOrThrow()).username
  const signIn = await h.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: 'a password of ten' } })
  const cookie = /kiosk_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))?.[1] ?? ''

  const { status, stream } = await openStream(`${base}/api/sites/${h.siteId}/overview/stream`, { cookie: `${SESSION_COOKIE}=${cookie}` })
  t.equal(status, 200)
  await waitUntil(() => stream.events.length >= 1, 'the first overview arrives')
  t.match(stream.events[0], { event: 'overview', data: { siteId: h.siteId, devices: { total: 1, online: 0 } } })

  await h.db.updateTable('devices').set({ online: 1 }).where('id', '=', kiosk.device.id).execute()
  await waitUntil(() => stream.events.length >= 2, 'a change is pushed')
  t.match(stream.events[1], { event: 'overview', data: { devices: { total: 1, online: 1 } } })
  // several intervals with nothing changed: nothing more is sent (the session check below is what moves)
  const lastSeen = async () => (await h.db.selectFrom('staff_web_sessions').select('last_seen_at_ms').executeTakeFirstOrThrow()).last_seen_at_ms
  const seenBefore = await lastSeen()
  await h.db.updateTable('staff_web_sessions').set({ last_seen_at_ms: seenBefore - 1 }).execute()
  await waitUntil(async () => (await lastSeen()) === seenBefore - 1 && stream.events.length === 2, 'the stream reads without touching the session')

  // the session goes idle: the stream says so and ends
  await h.db.updateTable('staff_web_sessions').set({ last_seen_at_ms: Date.now() - 1_800_001 }).execute()
  await stream.done
  t.same(stream.events.at(-1), { event: 'signed-out', data: {} })
  t.equal(stream.events.filter(e => e.event === 'overview').length, 2, 'no repeat of an unchanged overview')

  const byToken = await openStream(`${base}/api/sites/${h.siteId}/overview/stream`, { authorization: `Bearer ${h.manager.token}` })
  await waitUntil(() => byToken.stream.events.length >= 1, 'a Bearer token works too')
  await h.admin.call('POST', `/api/staff/${h.manager.id}/deactivate`)
  await byToken.stream.done
  t.same(byToken.stream.events.at(-1), { event: 'signed-out', data: {} }, 'a deactivated token ends the stream')
})

t.test('overview stream refusals are plain JSON errors', async t => {
  const h = await harness(t)
  t.equal(errorCode(await h.anonymous.call('GET', `/api/sites/${h.siteId}/overview/stream`)), 'UNAUTHENTICATED')
  t.equal(errorCode(await h.otherManager.call('GET', `/api/sites/${h.siteId}/overview/stream`)), 'FORBIDDEN')
  t.equal(errorCode(await h.admin.call('GET', '/api/sites/nope/overview/stream')), 'SITE_UNKNOWN')
})

t.test('closing the app ends open streams', async t => {
  const h = await harness(t, { config: { OVERVIEW_STREAM_INTERVAL_MS: 100 } })
  await h.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = h.app.server.address() as AddressInfo
  const { stream } = await openStream(`http://127.0.0.1:${port}/api/sites/${h.siteId}/overview/stream`, { authorization: `Bearer ${h.counter.token}` })
  await waitUntil(() => stream.events.length >= 1, 'streaming')
  await h.app.close()
  await stream.done
  t.pass('the stream ended and the app closed')
})
