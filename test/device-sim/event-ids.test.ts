import t from 'tap'
import { eventIdSchema } from '../../schemas/common.ts'
import { createEventIds } from '../../device-sim/event-ids.ts'

t.test('unique within a boot and across boots of the same device', async t => {
  const boot1 = createEventIds('kiosk-7')
  const boot2 = createEventIds('kiosk-7')
  t.not(boot1.bootId, boot2.bootId)
  const ids = [...Array.from({ length: 10_000 }, boot1.next), ...Array.from({ length: 10_000 }, boot2.next)]
  t.equal(new Set(ids).size, ids.length)
  t.match(ids[0], /^kiosk-7-/)
})

t.test('always valid event ids, even for the longest device ids', async t => {
  for (const deviceId of ['k', 'kiosk_01.a-b', 'x'.repeat(64), `${'a'.repeat(40)}b${'c'.repeat(23)}`]) {
    const ids = createEventIds(deviceId)
    for (let i = 0; i < 2000; i++) ids.next()
    const id = ids.next()
    t.ok(eventIdSchema.safeParse(id).success, `${id} (${id.length} chars)`)
  }
  const a = createEventIds(`${'a'.repeat(60)}1`, 'boot').next()
  const b = createEventIds(`${'a'.repeat(60)}2`, 'boot').next()
  t.not(a, b, 'shortened long ids still differ per device')
})
