// SimKiosk against a real aedes broker on port 0, with the test's stand-in
// for the backend answering swipes and deposits. Asserts what goes on the wire.
import t, { type Test } from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eventSchemas, statusSchema, type DepositLine } from '../../schemas/device-events.ts'
import { parseTopic, topics } from '../../schemas/topics.ts'
import { SimKiosk, type QueuedEvent, type SimKioskOptions } from '../../device-sim/kiosk.ts'
import { startTestBroker, type TestBroker } from './helpers/test-broker.ts'
import { startStandInBackend } from './helpers/stand-in-backend.ts'

const secrets = { 'kiosk-1': 's3cret-1', 'kiosk-2': 's3cret-2' }
const lines: DepositLine[] = [{ category: 'paper', grams: 1200 }, { category: 'hazardous', grams: 40, count: 2 }]

async function aKiosk (t: Test, broker: TestBroker, opts: Partial<SimKioskOptions> = {}) {
  const queued: QueuedEvent[] = []
  const kiosk = new SimKiosk({
    mqttUrl: broker.url, deviceId: 'kiosk-1', secret: secrets['kiosk-1'], heartbeatS: 0,
    openTimeoutMs: 2000, displayTimeoutMs: 3000, reconnectPeriodMs: 100, seed: 7,
    onEvent: e => queued.push(e), ...opts
  })
  t.teardown(() => kiosk.close())
  await kiosk.start()
  return { kiosk, queued }
}

const eventTypeOf = (topic: string) => { const p = parseTopic(topic); return p.kind === 'event' ? p.eventType : undefined }

t.test('connects as its device id with a retained last will, and publishes a retained status', async t => {
  const broker = await startTestBroker(t, secrets)
  await aKiosk(t, broker)
  const connect = broker.connects[0]!
  t.equal(connect.protocolVersion, 4, 'MQTT 3.1.1')
  t.equal(connect.clientId, 'kiosk-1')
  t.equal(connect.username, 'kiosk-1')
  t.equal(connect.password?.toString(), 's3cret-1')
  t.equal(connect.will?.topic, topics.status('kiosk-1'))
  t.equal(connect.will?.retain, true)
  t.same(JSON.parse(connect.will!.payload.toString()), { online: false })
  const status = await broker.waitFor(p => p.topic === topics.status('kiosk-1'))
  t.equal(status.retain, true, 'status is retained')
  t.equal(status.qos, 0)
  t.equal(statusSchema.parse(JSON.parse(status.payload)).online, true)
})

t.test('refuses to start with a wrong secret', async t => {
  const broker = await startTestBroker(t, secrets)
  const kiosk = new SimKiosk({ mqttUrl: broker.url, deviceId: 'kiosk-1', secret: 'wrong', heartbeatS: 0 })
  await t.rejects(kiosk.start(), /cannot connect/)
  await kiosk.close()
})

t.test('a visit: valid QoS 1 events in order, every command acked', async t => {
  const broker = await startTestBroker(t, secrets)
  const backend = startStandInBackend(broker)
  const { kiosk } = await aKiosk(t, broker)
  const result = await kiosk.visit('CARD0001', lines)
  t.equal(result.outcome, 'deposited')
  t.equal(result.pointsEarned, 49, 'stand-in: floor(1240 g × 40 / 1000)')
  t.equal(result.balancePoints, 49)
  t.ok(result.sessionId)
  t.ok(result.latencies.openMs! >= 0 && result.latencies.displayMs! >= 0)

  t.ok(await kiosk.waitForDrain(2000))
  await broker.waitFor(() => backend.acks.length === 2)
  const events = broker.eventsOf('kiosk-1')
  for (const e of events) {
    const type = eventTypeOf(e.topic)!
    t.equal(e.qos, 1, `${type} is QoS 1`)
    t.ok(eventSchemas[type].safeParse(JSON.parse(e.payload)).success, `${type} matches the schema`)
  }
  const story = events.filter(e => eventTypeOf(e.topic) !== 'command-ack').map(e => {
    const body = JSON.parse(e.payload)
    return eventTypeOf(e.topic) === 'door' ? `door:${body.state}` : eventTypeOf(e.topic)
  })
  t.same(story, ['swipe', 'door:opened', 'deposit', 'door:closed'])
  const deposit = JSON.parse(events.find(e => eventTypeOf(e.topic) === 'deposit')!.payload)
  t.same(deposit.lines, lines)
  t.equal(deposit.sessionId, result.sessionId)
  t.same(backend.acks.map(a => a.ok), [true, true], 'open and display acked ok')
  const ids = events.map(e => JSON.parse(e.payload).eventId)
  t.equal(new Set(ids).size, ids.length, 'event ids are unique')
  t.equal(kiosk.stats.pointsCredited, 49)
  t.equal(kiosk.stats.depositsAcked, 1)
})

t.test('deny and timeout', async t => {
  const broker = await startTestBroker(t, secrets)
  startStandInBackend(broker, { denyCards: ['LOST0001'] })
  const { kiosk } = await aKiosk(t, broker)
  const denied = await kiosk.visit('LOST0001')
  t.equal(denied.outcome, 'denied')
  t.equal(denied.denyReason, 'CARD_UNKNOWN')

  const broker2 = await startTestBroker(t, secrets)
  startStandInBackend(broker2, { answerSwipes: false })
  const { kiosk: silent } = await aKiosk(t, broker2, { openTimeoutMs: 200 })
  const timedOut = await silent.visit('CARD0001')
  t.equal(timedOut.outcome, 'timeout')
  t.equal(silent.stats.timeouts, 1)
})

t.test('acks every command, also ones it cannot carry out; re-delivery gets the same answer', async t => {
  const broker = await startTestBroker(t, secrets)
  const backend = startStandInBackend(broker)
  const { kiosk } = await aKiosk(t, broker)
  const cmds = topics.commands('kiosk-1')
  await broker.send(cmds, { cmdId: 'late-open', ts: Date.now(), type: 'open', sessionId: 's9', swipeEventId: 'nobody', balancePoints: 0, expiresAtMs: Date.now() + 1000 })
  await broker.send(cmds, { cmdId: 'odd', ts: Date.now(), type: 'reboot' })
  await broker.send(cmds, { cmdId: 'late-open', ts: Date.now(), type: 'open', sessionId: 's9', swipeEventId: 'nobody', balancePoints: 0, expiresAtMs: Date.now() + 1000 })
  await broker.send(cmds, 'not json at all')
  await broker.waitFor(() => backend.acks.length === 3)
  t.same(backend.acks.map(a => [a.cmdId, a.ok]), [['late-open', false], ['odd', false], ['late-open', false]])
  t.match(backend.acks[1]!.error, /schema/)
  t.equal(kiosk.stats.badCommands, 2)
})

t.test('bad payloads: injected, counted, error replies counted; a replay is applied once', async t => {
  const broker = await startTestBroker(t, secrets)
  const backend = startStandInBackend(broker)
  const { kiosk } = await aKiosk(t, broker)
  await kiosk.visit('CARD0001', lines)
  for (const kind of ['malformed-json', 'missing-event-id', 'grams-as-string', 'unknown-session', 'replay'] as const) kiosk.injectBadPayload(kind)
  t.ok(await kiosk.waitForDrain(2000))
  await broker.waitFor(() => backend.errorsSent.length === 4)
  await broker.waitFor(() => Object.values(kiosk.stats.errorReplies).reduce((a, b) => a + b, 0) === 4)
  t.same(kiosk.stats.errorReplies, { MALFORMED_JSON: 1, SCHEMA_VIOLATION: 2, SESSION_UNKNOWN: 1 })
  t.equal(backend.replaysSeen, 1)
  t.equal(backend.applied.length, 1, 'the replayed deposit (or door event) is not applied twice')
  t.same(kiosk.stats.badPayloadsInjected, { 'malformed-json': 1, 'missing-event-id': 1, 'grams-as-string': 1, 'unknown-session': 1, replay: 1 })
})

t.test('connection cut from the broker side: will fires, buffered events replay in order with original ids and ts', async t => {
  const broker = await startTestBroker(t, secrets)
  const backend = startStandInBackend(broker)
  const { kiosk, queued } = await aKiosk(t, broker)
  // Cut the socket as soon as the door-opened event reaches the broker, and refuse reconnects for a while.
  broker.aedes.on('publish', packet => {
    if (packet.topic === topics.event('kiosk-1', 'door') && JSON.parse(packet.payload.toString()).state === 'opened' && broker.connects.length === 1) {
      broker.refuseConnects = true
      setImmediate(() => broker.cut('kiosk-1'))
      setTimeout(() => { broker.refuseConnects = false }, 400)
    }
  })
  const result = await kiosk.visit('CARD0001', lines)
  t.equal(result.outcome, 'deposited', 'the display arrives after the replay')
  t.ok(await kiosk.waitForDrain(3000))
  t.ok(broker.connects.length >= 2, 'reconnected')

  const will = broker.publishes.find(p => p.topic === topics.status('kiosk-1') && p.clientId === 'kiosk-1' && JSON.parse(p.payload).online === false)
  t.ok(will, 'the broker published the last will')
  t.equal(will?.retain, true)

  const onWire = broker.eventsOf('kiosk-1').filter(p => eventTypeOf(p.topic) !== 'command-ack')
  const firstSeen = [...new Map(onWire.map(p => [JSON.parse(p.payload).eventId as string, p.payload])).entries()]
  const created = queued.filter(e => e.type !== 'command-ack')
  t.same(firstSeen.map(([id]) => id), created.map(e => e.eventId), 'every event arrived, in creation order')
  t.same(firstSeen.map(([, payload]) => payload), created.map(e => e.payload), 'byte-identical: original eventId and ts')
  const deposit = onWire.find(p => eventTypeOf(p.topic) === 'deposit')!
  const reconnectedAt = broker.publishes.filter(p => p.topic === topics.status('kiosk-1') && JSON.parse(p.payload).online === true)[1]!.atMs
  t.ok(JSON.parse(deposit.payload).ts < reconnectedAt, 'deposit carries the time it was made, not the time it was sent')
  t.equal(backend.applied.length, 1)
})

t.test('forced offline after the open: session events are buffered and replayed', async t => {
  const broker = await startTestBroker(t, secrets)
  const backend = startStandInBackend(broker)
  const { kiosk, queued } = await aKiosk(t, broker)
  const result = await kiosk.visit('CARD0001', lines, { offlineAfterOpenMs: 300 })
  t.equal(result.outcome, 'deposited')
  t.ok(result.latencies.displayMs! >= 250, 'display only after the kiosk came back')
  t.ok(await kiosk.waitForDrain(2000))
  const wireIds = new Set(broker.eventsOf('kiosk-1').map(p => JSON.parse(p.payload).eventId))
  t.ok(queued.every(e => wireIds.has(e.eventId)), 'nothing lost')
  t.equal(backend.applied.length, 1)
  t.equal(kiosk.online, true)
  t.equal(await kiosk.visit('CARD0001', lines).then(r => r.outcome), 'deposited', 'works normally afterwards')

  await kiosk.goOffline()
  t.equal((await kiosk.visit('CARD0001')).outcome, 'offline', 'no swipe is sent while offline')
  await kiosk.goOnline()
})

t.test('the buffer file survives a simulator restart', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-outbox-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const outboxPath = join(dir, 'kiosk-1.json')
  const broker = await startTestBroker(t, secrets)
  const backend = startStandInBackend(broker)
  const first = await aKiosk(t, broker, { outboxPath, displayTimeoutMs: 100 })
  // Offline for longer than the display timeout: the visit gives up, its events stay buffered.
  const result = await first.kiosk.visit('CARD0001', lines, { offlineAfterOpenMs: 60_000 })
  t.equal(result.outcome, 'timeout')
  t.ok(first.kiosk.pendingEvents >= 3)
  await first.kiosk.close()
  t.equal(backend.applied.length, 0)

  const second = await aKiosk(t, broker, { outboxPath })
  t.not(second.kiosk.bootId, first.kiosk.bootId)
  t.ok(await second.kiosk.waitForDrain(2000))
  t.same(backend.applied, [result.depositEventId], 'the deposit of the previous run arrived')
  const pending = first.queued.filter(e => e.type !== 'swipe').map(e => e.payload)
  const onWire = broker.eventsOf('kiosk-1').map(p => p.payload)
  t.ok(pending.every(p => onWire.includes(p)), 'same bytes as queued before the restart')
})
