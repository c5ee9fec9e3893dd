// SimKiosk against the real backend, on SQLite and on PostgreSQL: bad
// payloads dead-lettered, a kiosk disabled or forced offline mid-visit
// buffering its events and replaying them once, and its buffer file
// surviving a restart (split from kiosk.test.ts, so that each file stays
// well within the per-file timeout beside a CPU hog).
import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { topics } from '../../schemas/topics.ts'
import { deposits, isStatus, lines, linesPoints } from './helpers/kiosk-scene.ts'
import { balanceOverHttp, deadLetterCodes, eachBackend, startSimKiosk, storedEvents, waitUntil } from './helpers/sim-backend.ts'

eachBackend(t, 'bad payloads: dead-lettered with the right codes, error replies counted; a replay is applied once', async (t, scene) => {
  const { kiosk } = await startSimKiosk(t, scene)
  await kiosk.visit(scene.card, lines)
  for (const kind of ['malformed-json', 'missing-event-id', 'grams-as-string', 'unknown-session', 'replay'] as const) kiosk.injectBadPayload(kind)
  t.ok(await kiosk.waitForDrain(3000))
  await waitUntil('four error replies arrive', () => Object.values(kiosk.stats.errorReplies).reduce((a, b) => a + b, 0) === 4)
  t.same(kiosk.stats.errorReplies, { MALFORMED_JSON: 1, SCHEMA_VIOLATION: 2, SESSION_UNKNOWN: 1 })
  t.same(await deadLetterCodes(scene), ['MALFORMED_JSON', 'SCHEMA_VIOLATION', 'SCHEMA_VIOLATION', 'SESSION_UNKNOWN'], 'stored as dead letters')
  t.equal(scene.backend.metrics.eventsReplayed, 1, 'the replay was recognised')
  t.equal((await deposits(scene)).length, 1, 'the deposit is applied once')
  t.equal(await balanceOverHttp(scene), linesPoints)
  t.same(kiosk.stats.badPayloadsInjected, { 'malformed-json': 1, 'missing-event-id': 1, 'grams-as-string': 1, 'unknown-session': 1, replay: 1 })
})

eachBackend(t, 'disabled mid-visit: the will fires, buffered events replay in order with original ids and ts once enabled', async (t, scene) => {
  let disabledAtMs = 0
  let enabledAtMs = 0
  // disable the device over HTTP as soon as its door-opened event is committed (the connection is
  // closed at once, reconnects are refused); enable it again when the kiosk saw its first refusal
  // (awaited before the door event's PUBACK: the kiosk sends nothing more until it is disabled, so
  // the visit cannot finish before the disable, however slow the machine)
  scene.onCommitted(async publish => {
    if (publish.clientId !== scene.deviceId || disabledAtMs > 0 || publish.topic !== topics.event(scene.deviceId, 'door')) return
    disabledAtMs = Date.now()
    await scene.api('POST', `/api/devices/${scene.deviceId}/disable`)
  })
  const onError = (err: Error) => {
    if (disabledAtMs === 0 || enabledAtMs > 0 || !/Not authorized/.test(err.message)) return
    enabledAtMs = Date.now()
    void scene.api('POST', `/api/devices/${scene.deviceId}/enable`)
  }
  const { kiosk, queued } = await startSimKiosk(t, scene, { onError })
  const result = await kiosk.visit(scene.card, lines)
  t.equal(result.outcome, 'deposited', 'the display arrives after the replay')
  t.ok(enabledAtMs > disabledAtMs, 'a reconnect was refused while disabled')
  t.ok(await kiosk.waitForDrain(5000))
  t.ok(scene.connections.length >= 2, 'reconnected')
  t.match(scene.wire.find(isStatus(scene, false)), { clientId: scene.deviceId, retain: true }, 'the broker published the retained will')

  const created = queued.filter(e => e.type !== 'command-ack')
  const stored = new Map((await storedEvents(scene.db, scene.deviceId)).map(e => [e.event_id, e]))
  t.same(created.map(e => stored.has(e.eventId!)), created.map(() => true), 'every event was stored')
  t.same(created.map(e => stored.get(e.eventId!)?.device_ts), created.map(e => JSON.parse(e.payload).ts), 'with the ts it was made with')
  const receivedAt = created.map(e => stored.get(e.eventId!)!.received_at_ms)
  t.same(receivedAt, [...receivedAt].sort((a, b) => a - b), 'received in creation order')
  const deposit = stored.get(result.depositEventId!)!
  t.ok(deposit.device_ts < enabledAtMs && deposit.received_at_ms >= deposit.device_ts, 'the deposit carries the time it was made')
  t.same(await deposits(scene), [{ event_id: result.depositEventId, points_credited: linesPoints }], 'applied once')
  t.equal(await balanceOverHttp(scene), linesPoints)
})

eachBackend(t, 'forced offline after the open: session events are buffered and replayed', async (t, scene) => {
  const { kiosk, queued } = await startSimKiosk(t, scene)
  const result = await kiosk.visit(scene.card, lines, { offlineAfterOpenMs: 300 })
  t.equal(result.outcome, 'deposited')
  t.ok(result.latencies.displayMs! >= 250, 'display only after the kiosk came back')
  t.ok(await kiosk.waitForDrain(3000))
  const stored = new Set((await storedEvents(scene.db, scene.deviceId)).map(e => e.event_id))
  t.same(queued.filter(e => !stored.has(e.eventId!)), [], 'nothing lost')
  t.equal(kiosk.online, true)
  t.equal(await kiosk.visit(scene.card, lines).then(r => r.outcome), 'deposited', 'works normally afterwards')
  t.equal((await deposits(scene)).length, 2)
  t.equal(await balanceOverHttp(scene), 2 * linesPoints)

  await kiosk.goOffline()
  t.equal((await kiosk.visit(scene.card)).outcome, 'offline', 'no swipe is sent while offline')
  await kiosk.goOnline()
})

eachBackend(t, 'the buffer file survives a simulator restart', async (t, scene) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-outbox-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const outboxPath = join(dir, 'kiosk.json')
  const first = await startSimKiosk(t, scene, { outboxPath, displayTimeoutMs: 100 })
  // Offline for longer than the display timeout: the visit gives up, its events stay buffered.
  const result = await first.kiosk.visit(scene.card, lines, { offlineAfterOpenMs: 60_000 })
  t.equal(result.outcome, 'timeout')
  t.ok(first.kiosk.pendingEvents >= 3)
  await first.kiosk.close()
  t.same(await deposits(scene), [], 'nothing applied yet')

  const second = await startSimKiosk(t, scene, { outboxPath })
  t.not(second.kiosk.bootId, first.kiosk.bootId)
  t.ok(await second.kiosk.waitForDrain(3000))
  t.same(await deposits(scene), [{ event_id: result.depositEventId, points_credited: linesPoints }], 'the deposit of the previous run was applied')
  t.equal(await balanceOverHttp(scene), linesPoints)
  const stored = new Map((await storedEvents(scene.db, scene.deviceId)).map(e => [e.event_id, e.device_ts]))
  const pending = first.queued.filter(e => e.type !== 'swipe')
  t.same(pending.map(e => stored.get(e.eventId!)), pending.map(e => JSON.parse(e.payload).ts), 'stored with the ids and ts queued before the restart')
})
