// Stop the backend, start it again on the same SQLite file: balances and
// history are intact, events a device replays after the restart count once,
// and a command the device never acked is sent again when it reconnects.
import { join } from 'node:path'
import t from 'tap'
import { pino } from 'pino'
import { startBackend } from '../../services/backend.ts'
import { testConfig } from '../../services/config.ts'
import { balanceOf, historyOf, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice } from '../helpers/backend.ts'
import { tempDir } from '../helpers/stores.ts'

t.test('restart keeps balances, history and pending commands; replays count once', async t => {
  const config = testConfig({ MQTT_PORT: 0, MQTT_HOST: '127.0.0.1', HTTP_PORT: 0, HTTP_HOST: '127.0.0.1', SQLITE_PATH: join(tempDir(t), 'kiosk.db') })
  const log = pino({ level: 'silent' })

  let backend = await startBackend(config, log)
  const site = await aSite(backend.store.db)
  const { device, secret } = await aKiosk(backend.store.db, site.id)
  const { household, card } = await aHouseholdWithCard(backend.store.db, site.id)
  let kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)

  await kiosk.publishJson('events/swipe', { eventId: 'r1', ts: Date.now(), card: card.uid })
  const open = await kiosk.waitFor(m => m.payload.type === 'open')
  const sessionId = open.payload.sessionId as string
  await kiosk.publishJson('events/command-ack', { eventId: 'r1a', ts: Date.now(), cmdId: open.payload.cmdId, ok: true })
  const deposit = { eventId: 'r2', ts: Date.now(), sessionId, lines: [{ category: 'paper', grams: 5000 }] }
  await kiosk.publishJson('events/deposit', deposit)
  const display = await kiosk.waitFor(m => m.payload.type === 'display')
  // the kiosk never acks the display command: it must come again after the restart
  await kiosk.end()
  await backend.close()

  backend = await startBackend(config, log)
  t.teardown(() => backend.close())
  const { db } = backend.store
  t.equal(await balanceOf(db, household.id), 200, 'balance intact')
  t.same((await historyOf(db, household.id, { limit: 10 })).entries.map(e => e.points), [200], 'history intact')

  kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const again = await kiosk.waitFor(m => m.payload.cmdId === display.payload.cmdId)
  t.same(again.payload, display.payload, 'unacked display command re-sent on reconnect')
  t.notOk(kiosk.received.some(m => m.payload.cmdId === open.payload.cmdId), 'the acked open command is not re-sent')

  // the kiosk had buffered the deposit and replays it after the restart
  await kiosk.publishJson('events/deposit', deposit)
  await kiosk.publishJson('events/command-ack', { eventId: 'r3', ts: Date.now(), cmdId: display.payload.cmdId, ok: true })
  t.equal(await balanceOf(db, household.id), 200, 'replay after restart counted once')
  t.same(await ledgerInvariantViolations(db), [])
  const row = await db.selectFrom('commands').select('status').where('cmd_id', '=', display.payload.cmdId as string).executeTakeFirstOrThrow()
  t.equal(row.status, 'acked')
})
