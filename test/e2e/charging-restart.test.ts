// A backend restart in the middle of a charging session, on both stores: the
// session is plain data in the store, so after the restart the pile goes on
// where it was, its buffered events count once, and the stop settles once.
import { join } from 'node:path'
import t from 'tap'
import { pino } from 'pino'
import { startBackend } from '../../services/backend.ts'
import { testConfig } from '../../services/config.ts'
import { walletOf } from '../../services/ledger/holds.ts'
import { appendEntry, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aCharger, aChargingTariff, onEachBackendStore } from '../fixtures/charging-scene.ts'
import { connectDevice } from '../helpers/backend.ts'
import { tempDir } from '../helpers/stores.ts'

const t0 = Date.UTC(2026, 2, 4, 20, 0)
const min = (n: number) => t0 + n * 60_000

await onEachBackendStore(t, 'restart mid-session: the session goes on and settles once', async (t, overrides) => {
  const config = testConfig({ MQTT_PORT: 0, MQTT_HOST: '127.0.0.1', HTTP_PORT: 0, HTTP_HOST: '127.0.0.1', SQLITE_PATH: join(tempDir(t), 'kiosk.db'), ...overrides })
  const log = pino({ level: 'silent' })
  let backend = await startBackend(config, log)
  const { device, secret, household, card } = await (async () => {
    const db = backend.store.db
    const site = await aSite(db)
    await aChargingTariff(db, site.id)
    const hc = await aHouseholdWithCard(db, site.id)
    await appendEntry(db, { householdId: hc.household.id, kind: 'earn', points: 1000, idempotencyKey: 'seed', nowMs: 1 })
    return { ...(await aCharger(db, site.id)), ...hc }
  })()
  let pile = await connectDevice(t, backend.mqttUrl, device.id, secret)
  let n = 0
  const say = async (type: string, body: Record<string, unknown>) => { await pile.publishJson(`events/${type}`, { eventId: `r${++n}`, ...body }) }

  await say('charging-swipe', { ts: min(0), card: card.uid, port: 1 })
  const start = (await pile.waitFor(m => m.payload.type === 'start-charging')).payload
  const sessionId = start.sessionId as string
  await say('command-ack', { ts: min(0), cmdId: start.cmdId, ok: true })
  await say('charging-started', { ts: min(0), sessionId, port: 1, seq: 0 })
  const meter1 = { eventId: 'm1', ts: min(20), sessionId, port: 1, seq: 1, energyWh: 100, powerW: 300, voltageV: 54 }
  await pile.publishJson('events/charging-meter', meter1)
  await pile.end()
  await backend.close()

  backend = await startBackend(config, log)
  t.teardown(() => backend.close())
  const { db } = backend.store
  t.same(await walletOf(db, household.id), { balancePoints: 1000, heldPoints: 500, availablePoints: 500 }, 'the hold survives the restart')
  pile = await connectDevice(t, backend.mqttUrl, device.id, secret)
  // the pile replays what it had not seen acknowledged, then goes on
  await pile.publishJson('events/charging-meter', meter1)
  await say('charging-meter', { ts: min(40), sessionId, port: 1, seq: 2, energyWh: 200, powerW: 300, voltageV: 54 })
  await say('charging-stopped', { ts: min(60), sessionId, port: 1, seq: 3, reason: 'USER', energyWh: 300 })
  await say('charging-stopped', { ts: min(60), sessionId, port: 1, seq: 3, reason: 'USER', energyWh: 300 })
  const session = await db.selectFrom('charging_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow()
  t.match(session, { status: 'stopped', cost_points: 120, charged_points: 120 }, '60 minutes at 120 points/hour, across the restart')
  t.same(await walletOf(db, household.id), { balancePoints: 880, heldPoints: 0, availablePoints: 880 })
  t.equal((await db.selectFrom('charging_meter_values').select('seq').where('session_id', '=', sessionId).execute()).length, 2)
  t.same(await ledgerInvariantViolations(db), [])
})
