// What one online access request costs on the device path, counted on the real
// stores through a Kysely plugin that sees every executed statement (BEGIN and
// COMMIT excluded), and proof that what the path caches per registry version
// (a gate's settings and zone rule, the site's holidays, a card's schedule)
// follows every write to it at the very next request.
import t from 'tap'
import type { AccessSchedule, Direction } from '../../../schemas/gate.ts'
import { topics } from '../../../schemas/topics.ts'
import { configureGate, putSchedule, setCardSchedule, setHolidays } from '../../../services/gate/gate-repository.ts'
import { createBatchCommitter } from '../../../services/ingest/commit-device-batch.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { aGate, aZone } from '../../fixtures/gate-builders.ts'
import { statementCounter } from '../../helpers/statement-counter.ts'
import { eachStore } from '../../helpers/stores.ts'

const settings = { sessionOpenWindowMs: 120_000, sessionDepositWindowMs: 86_400_000 }
const allWeek = (periods: AccessSchedule['holidays']): AccessSchedule['weekdays'] =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map(d => [d, periods]))

eachStore(t, 'one access request per batch, cache warm: statements on the device path', async (t, store) => {
  const site = await aSite(store.db)
  const plain = (await aGate(store.db, site.id)).device.id
  const zoned = (await aGate(store.db, site.id, { zoneId: await aZone(store.db, site.id, 'soft') })).device.id
  const { card } = await aHouseholdWithCard(store.db, site.id)
  const count = statementCounter()
  const commit = createBatchCommitter(store.db.withPlugin(count.plugin), settings, undefined)
  let seq = 0
  let lastOpen = ''
  const request = async (gateId: string, direction: Direction) => {
    const [processed] = await commit([{ deviceId: gateId, topic: topics.event(gateId, 'access-request'), payload: Buffer.from(JSON.stringify({ eventId: `r${++seq}`, ts: Date.now(), credential: { kind: 'card', card: card.uid }, reader: 1, direction })), qos: 1, receivedAtMs: Date.now() }])
    const open = JSON.parse(processed!.outgoing[0]!.payload) as { type: string, cmdId: string }
    t.match(open, { type: 'gate-open' })
    lastOpen = open.cmdId
    return count.take()
  }
  await request(plain, 'in')
  // registry version, insert event, an offline decision in its place (replaced-request.ts), household, access log row, outcome, command
  t.equal(await request(plain, 'out'), 7, 'a gate in no zone')
  await request(zoned, 'in')
  // the same, plus the card's last passage in the zone and its new one
  t.equal(await request(zoned, 'out'), 9, 'a gate in an anti-passback zone')

  const [acked] = await commit([{ deviceId: zoned, topic: topics.event(zoned, 'command-ack'), payload: Buffer.from(JSON.stringify({ eventId: `a${++seq}`, ts: Date.now(), cmdId: lastOpen, ok: true })), qos: 1, receivedAtMs: Date.now() }])
  t.equal(acked!.result, 'applied')
  // registry version, insert event, the command's type (a list command locks the site first), ack, outcome
  t.equal(count.take(), 5, "the gate's ack of its gate-open")
})

eachStore(t, 'every write to what the access path caches decides the very next request', async (t, store) => {
  const site = await aSite(store.db)
  const gate = (await aGate(store.db, site.id, { directions: ['in', 'out'] })).device.id
  const { card } = await aHouseholdWithCard(store.db, site.id)
  const commit = createBatchCommitter(store.db, settings, undefined)
  let seq = 0
  const answer = async (direction: Direction = 'in') => {
    const [processed] = await commit([{ deviceId: gate, topic: topics.event(gate, 'access-request'), payload: Buffer.from(JSON.stringify({ eventId: `w${++seq}`, ts: Date.now(), credential: { kind: 'card', card: card.uid }, reader: 1, direction })), qos: 1, receivedAtMs: Date.now() }])
    const command = JSON.parse(processed!.outgoing[0]!.payload) as { type: string, reason?: string, releaseMs?: number }
    return command.type === 'gate-open' ? `open ${command.releaseMs ?? ''}` : `deny ${command.reason ?? ''}`
  }
  t.equal(await answer(), 'open 3000', 'cache filled')

  await configureGate(store.db, { deviceId: gate, directions: ['out'], zoneId: null, releaseMs: 3000 })
  t.equal(await answer(), 'deny DIRECTION_NOT_SERVED', 'directions changed')
  await configureGate(store.db, { deviceId: gate, directions: ['in', 'out'], zoneId: null, releaseMs: 7000 })
  t.equal(await answer(), 'open 7000', 'release time changed')

  await configureGate(store.db, { deviceId: gate, directions: ['in', 'out'], zoneId: await aZone(store.db, site.id, 'hard'), releaseMs: 7000 })
  t.equal(await answer('in'), 'open 7000', 'in a hard zone now: the first entry')
  t.equal(await answer('in'), 'deny ANTI_PASSBACK', 'the second entry without an exit')

  await configureGate(store.db, { deviceId: gate, directions: ['in', 'out'], zoneId: null, releaseMs: 7000 })
  await putSchedule(store.db, site.id, { id: 'weekdays-only', weekdays: allWeek([{ from: '00:00', to: '24:00' }]), holidays: [], dateRanges: [], freeExit: false })
  await setCardSchedule(store.db, card.uid, 'weekdays-only')
  t.equal(await answer(), 'open 7000', 'a schedule open all week')
  const today = new Date().toLocaleDateString('en-CA', { timeZone: site.timezone })
  const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA', { timeZone: site.timezone })
  await setHolidays(store.db, site.id, [today, yesterday]) // both: the site's day may differ from the UTC one near midnight
  t.equal(await answer(), 'deny OUTSIDE_SCHEDULE', 'today became a holiday, when the schedule gives no access')
  await putSchedule(store.db, site.id, { id: 'weekdays-only', weekdays: allWeek([{ from: '00:00', to: '24:00' }]), holidays: [{ from: '00:00', to: '24:00' }], dateRanges: [], freeExit: false })
  t.equal(await answer(), 'open 7000', 'the schedule now opens on holidays')
  await putSchedule(store.db, site.id, { id: 'never', weekdays: {}, holidays: [], dateRanges: [], freeExit: false })
  await setCardSchedule(store.db, card.uid, 'never')
  t.equal(await answer(), 'deny OUTSIDE_SCHEDULE', 'the card got another schedule')
  await setCardSchedule(store.db, card.uid, null)
  t.equal(await answer(), 'open 7000', 'the card has no schedule again')
})
