// One device, its recent events (what each did, never the payload) and its
// commands with their acks, newest first: the device detail page's calls.
// Both stores; site scope and roles as for dead letters.
import tap from 'tap'
import { aKiosk } from '../../fixtures/builders.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)

t.test('a device, its recent events and commands', async t => {
  const h = await harness(t)
  const { device } = await aKiosk(h.db, h.siteId, 'kiosk-h1')
  const events = [['e1', 'swipe', 1000, { decision: 'open', sessionId: 's1', cmdId: 'c1' }], ['e2', 'deposit', 3000, { outcome: 'credited', pointsCredited: 42 }], ['e3', 'door', 2000, { door: 'closed' }]] as const
  for (const [id, type, at, outcome] of events) {
    await h.db.insertInto('device_events').values({ device_id: device.id, event_id: id, type, device_ts: at - 5, received_at_ms: at, payload_hash: 'x', outcome: JSON.stringify(outcome) }).execute()
  }
  const commands = [['c1', 'open', 'acked', 1000, 1100, null], ['c2', 'display', 'failed', 3000, 3100, 'screen broken'], ['c3', 'display', 'pending', 4000, null, null]] as const
  for (const [id, type, status, at, ackedAt, ackError] of commands) {
    await h.db.insertInto('commands').values({ cmd_id: id, device_id: device.id, type, payload: '{}', status, created_at_ms: at, expires_at_ms: at + 60_000, sent_count: 1, last_sent_at_ms: at, acked_at_ms: ackedAt, ack_error: ackError }).execute()
  }

  const one = await h.manager.call('GET', `/api/devices/${device.id}`)
  t.equal(one.statusCode, 200)
  t.match(one.json(), { id: 'kiosk-h1', siteId: h.siteId, kind: 'kiosk', status: 'active' })

  const ev = await h.manager.call('GET', `/api/devices/${device.id}/events`)
  t.equal(ev.statusCode, 200)
  t.same(ev.json().events, [
    { eventId: 'e2', type: 'deposit', deviceTs: 2995, receivedAtMs: 3000, outcome: { outcome: 'credited', pointsCredited: 42 } },
    { eventId: 'e3', type: 'door', deviceTs: 1995, receivedAtMs: 2000, outcome: { door: 'closed' } },
    { eventId: 'e1', type: 'swipe', deviceTs: 995, receivedAtMs: 1000, outcome: { decision: 'open', sessionId: 's1', cmdId: 'c1' } }
  ], 'newest first, the outcome, no payload')
  t.same((await h.manager.call('GET', `/api/devices/${device.id}/events?limit=1`)).json().events.map((e: { eventId: string }) => e.eventId), ['e2'])

  const cmd = await h.manager.call('GET', `/api/devices/${device.id}/commands?limit=2`)
  t.equal(cmd.statusCode, 200)
  t.same(cmd.json().commands, [
    { cmdId: 'c3', type: 'display', status: 'pending', createdAtMs: 4000, expiresAtMs: 64_000, ackedAtMs: null, ackError: null },
    { cmdId: 'c2', type: 'display', status: 'failed', createdAtMs: 3000, expiresAtMs: 63_000, ackedAtMs: 3100, ackError: 'screen broken' }
  ], 'newest first, with the ack')

  // refused: bad limit, unknown device, another site's manager, a counter clerk
  for (const path of ['events', 'commands']) {
    t.equal(errorCode(await h.manager.call('GET', `/api/devices/${device.id}/${path}?limit=0`)), 'VALIDATION_FAILED')
    t.equal(errorCode(await h.manager.call('GET', `/api/devices/${device.id}/${path}?limit=201`)), 'VALIDATION_FAILED')
    t.equal(errorCode(await h.manager.call('GET', `/api/devices/nope/${path}`)), 'DEVICE_UNKNOWN')
    t.equal((await h.otherManager.call('GET', `/api/devices/${device.id}/${path}`)).statusCode, 403)
    t.equal((await h.counter.call('GET', `/api/devices/${device.id}/${path}`)).statusCode, 403)
  }
  t.equal((await h.otherManager.call('GET', `/api/devices/${device.id}`)).statusCode, 403)
  t.equal(errorCode(await h.manager.call('GET', '/api/devices/nope')), 'DEVICE_UNKNOWN')
})
