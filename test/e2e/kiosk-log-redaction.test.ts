// The device swipe path never logs a card number in clear: a kiosk swipes a
// known card, an unknown card and a malformed one (dead-lettered) through the
// real broker over a real socket, with the backend's real logger at trace
// level captured in memory. The hidden part of each card number (all but the
// last 4) appears nowhere in the log; the dead-letter line is there, so the
// check does not pass on an empty log.
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import t from 'tap'
import { startBackend } from '../../services/backend.ts'
import { testConfig } from '../../services/config.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { capturedLog } from '../helpers/captured-log.ts'
import { connectDevice } from '../helpers/backend.ts'
import { tempDir } from '../helpers/stores.ts'

const aCardUid = () => `K${randomBytes(6).toString('hex').toUpperCase()}9B2E`

t.test('swipes of known, unknown and malformed cards leave no card number in the log', async t => {
  const captured = capturedLog('trace')
  const config = testConfig({ MQTT_PORT: 0, MQTT_HOST: '127.0.0.1', HTTP_PORT: 0, HTTP_HOST: '127.0.0.1', SQLITE_PATH: join(tempDir(t), 'kiosk.db') })
  const backend = await startBackend(config, captured.log)
  t.teardown(() => backend.close())
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const known = aCardUid()
  await aHouseholdWithCard(db, site.id, { card: known })
  const unknown = aCardUid()
  const malformed = `${aCardUid()} !`
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)

  const swipe = async (card: string, eventId: string) => {
    await kiosk.publishJson('events/swipe', { eventId, ts: Date.now(), card })
    return kiosk.waitFor(m => m.payload.swipeEventId === eventId || m.payload.eventId === eventId)
  }
  t.match((await swipe(known, 's1')).payload, { type: 'open' })
  t.match((await swipe(unknown, 's2')).payload, { type: 'deny', reason: 'CARD_UNKNOWN' })
  await swipe(malformed, 's3')

  const text = captured.text()
  for (const card of [known, unknown, malformed]) t.notMatch(text, card.slice(0, -4), 'the card number is not in the log')
  t.ok(captured.records().some(r => r.msg === 'event dead-lettered' && r.deviceId === device.id), 'the log has the swipe path\'s lines')
})
