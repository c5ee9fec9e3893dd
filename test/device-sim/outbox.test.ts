// The offline buffer, without sockets: a fake send decides which publishes get their PUBACK.
import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Outbox, type OutboxEntry } from '../../device-sim/outbox.ts'

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
