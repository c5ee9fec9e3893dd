// The offline buffer. Order, resends and the one-drain rule are checked with
// a send function that decides which publishes get their PUBACK; the last
// test drains through a real device link into the real backend.
import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { topics } from '../../schemas/topics.ts'
import { DeviceLink } from '../../device-sim/link.ts'
import { Outbox, type OutboxEntry } from '../../device-sim/outbox.ts'
import { eachBackend, storedEvents } from './helpers/sim-backend.ts'

const event = (n: number) => ({ topic: 'devices/k1/events/door', payload: `{"eventId":"e${n}"}`, eventId: `e${n}` })

t.test('keeps order, removes an entry only after its ack, resends the head', async t => {
  const outbox = new Outbox()
  const acked: string[] = []
  for (let n = 1; n <= 4; n++) void outbox.add(event(n)).then(() => acked.push(`e${n}`))
  const sent: string[] = []
  let pubacks = 2
  const send = async (e: OutboxEntry) => { sent.push(e.eventId!); return pubacks-- > 0 }
  await outbox.drain(send)
  t.same(sent, ['e1', 'e2', 'e3'], 'stops at the first publish without PUBACK')
  t.same(outbox.entries().map(e => e.eventId), ['e3', 'e4'], 'unacked entries stay, in order')
  await Promise.resolve()
  t.same(acked, ['e1', 'e2'])

  await outbox.drain(async () => false)
  t.equal(outbox.entries()[0]!.attempts, 2, 'attempts count the resends')
  await outbox.drain(async () => true, () => false)
  t.equal(outbox.entries()[0]!.attempts, 2, 'not ready: nothing is attempted')

  sent.length = 0
  pubacks = 10
  await outbox.drain(send)
  t.same(sent, ['e3', 'e4'])
  t.equal(outbox.size, 0)
  await Promise.resolve()
  t.same(acked, ['e1', 'e2', 'e3', 'e4'])
})

t.test('one drain at a time; events added during a drain go out after the earlier ones', async t => {
  const outbox = new Outbox()
  void outbox.add(event(1))
  const sent: string[] = []
  let release!: () => void
  const gate = new Promise<void>(resolve => { release = resolve })
  const first = outbox.drain(async e => { sent.push(e.eventId!); if (e.eventId === 'e1') await gate; return true })
  void outbox.add(event(2))
  await outbox.drain(async () => { t.fail('second drain must not send'); return true })
  release()
  await first
  t.same(sent, ['e1', 'e2'])
})

t.test('a file-backed buffer survives a restart, same bytes', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'k1.json')
  const before = new Outbox({ path })
  for (let n = 1; n <= 3; n++) void before.add(event(n))
  await before.drain(async e => e.eventId === 'e1')
  const after = new Outbox({ path })
  t.same(after.entries().map(e => [e.eventId, e.payload]), [['e2', '{"eventId":"e2"}'], ['e3', '{"eventId":"e3"}']])
  await after.drain(async () => true)
  t.equal(new Outbox({ path }).size, 0)
})

eachBackend(t, 'through a real link: nothing is sent offline; an entry leaves the buffer only once the backend stored it', async (t, scene) => {
  const link = new DeviceLink({ mqttUrl: scene.backend.mqttUrl, deviceId: scene.deviceId, secret: scene.secret, reconnectPeriodMs: 100 }, { onConnect: () => {}, onMessage: () => {} })
  await link.open()
  t.teardown(() => link.close())
  const outbox = new Outbox()
  const storedAtAck: Array<[string, boolean]> = []
  const isStored = async (eventId: string) => (await storedEvents(scene.db, scene.deviceId)).some(e => e.event_id === eventId)
  const acked = [1, 2, 3].map(n => {
    const eventId = `swipe-${n}`
    return outbox.add({ topic: topics.event(scene.deviceId, 'swipe'), payload: JSON.stringify({ eventId, ts: Date.now(), card: scene.card, method: 'card' }), eventId })
      .then(async () => { storedAtAck.push([eventId, await isStored(eventId)]) })
  })
  const send = (e: OutboxEntry) => link.publishEvent(e.topic, e.payload)

  await link.goOffline()
  await outbox.drain(send, () => link.online)
  t.same(outbox.entries().map(e => [e.eventId, e.attempts]), [['swipe-1', 0], ['swipe-2', 0], ['swipe-3', 0]], 'offline: nothing attempted')
  t.same(await storedEvents(scene.db, scene.deviceId), [])

  await link.goOnline()
  await outbox.drain(send, () => link.online)
  await Promise.all(acked)
  t.equal(outbox.size, 0)
  t.same(storedAtAck, [['swipe-1', true], ['swipe-2', true], ['swipe-3', true]], 'acked in order, each stored before its PUBACK')
  t.same((await storedEvents(scene.db, scene.deviceId)).map(e => e.event_id), ['swipe-1', 'swipe-2', 'swipe-3'])
})
