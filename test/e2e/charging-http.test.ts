// The charging HTTP API against a real backend (listening HTTP server and
// broker) on both stores: tariff versions per site and pile, scan-to-charge
// reaching the pile over MQTT, history per household and per pile, the dispute
// view of a session, and the refusals with their codes.
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { createStaff } from '../../services/staff/staff.ts'
import type { StaffRole } from '../../services/store/database.ts'
import type { Executor } from '../../services/store/executor.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { aCharger, onEachBackendStore, pileSays, startChargingScene } from '../fixtures/charging-scene.ts'

const t0 = Date.UTC(2026, 2, 4, 20, 0)
const min = (n: number) => t0 + n * 60_000

async function caller (db: Executor, baseUrl: string, role: StaffRole, siteId: string | null) {
  const { token } = await createStaff(db, { username: `${role}${Math.random().toString(36).slice(2)}`, name: role, role, siteId })
  return async (method: string, path: string, body?: unknown): Promise<{ status: number, json: Record<string, unknown> }> => {
    const res = await fetch(`${baseUrl}/api${path}`, {
      // a fresh Idempotency-Key per call (scan-to-charge needs one; the other routes ignore it)
      method, headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), ...(body != null ? { 'content-type': 'application/json' } : {}) }, body: body != null ? JSON.stringify(body) : null
    })
    return { status: res.status, json: await res.json() as Record<string, unknown> }
  }
}

const tariffBody = (pointsPerHour: number) => ({ tariff: { pricing: { kind: 'per_hour', pointsPerHour, billingUnit: 'minute' } }, holdDefaultPoints: 300, holdMaxPoints: 600 })

await onEachBackendStore(t, 'tariffs, scan-to-charge, history and the dispute view over HTTP', async (t, overrides) => {
  const s = await startChargingScene(t, overrides, { tariff: false })
  const manager = await caller(s.db, s.backend.httpUrl, 'manager', s.site.id)
  const counter = await caller(s.db, s.backend.httpUrl, 'counter', s.site.id)
  const otherSite = await aSite(s.db)
  const stranger = await caller(s.db, s.backend.httpUrl, 'manager', otherSite.id)

  t.equal((await counter('PUT', `/sites/${s.site.id}/charging-tariff`, tariffBody(120))).status, 403, 'only managers set tariffs')
  const site1 = await manager('PUT', `/sites/${s.site.id}/charging-tariff`, tariffBody(120))
  t.match(site1, { status: 201, json: { version: 1, deviceId: null, holdDefaultPoints: 300, tariff: { tariffId: s.site.id, version: 1, pricing: { pointsPerHour: 120 } } } })
  t.match(await manager('PUT', `/sites/${s.site.id}/charging-tariff`, tariffBody(150)), { status: 201, json: { version: 2 } })
  const pile1 = await manager('PUT', `/devices/${s.device.id}/charging-tariff`, tariffBody(60))
  t.match(pile1, { status: 201, json: { version: 1, deviceId: s.device.id } }, 'a pile has its own versions')
  const bad = await manager('PUT', `/sites/${s.site.id}/charging-tariff`, { ...tariffBody(60), holdDefaultPoints: 700 })
  t.match(bad, { status: 400, json: { error: { code: 'VALIDATION_FAILED' } } }, 'default hold above the maximum')
  const costs = await manager('PUT', `/sites/${s.site.id}/charging-tariff`, { ...tariffBody(60), tariff: { ...tariffBody(60).tariff, minCostPoints: 50, maxCostPoints: 10 } })
  t.match(costs, { status: 400, json: { error: { code: 'VALIDATION_FAILED' } } }, 'a minimum cost above the maximum is a clear 400 (was a 500 from the store)')
  const freeWithFee = await manager('PUT', `/sites/${s.site.id}/charging-tariff`, { ...tariffBody(60), tariff: { ...tariffBody(60).tariff, pricing: { kind: 'free' }, startFeePoints: 5 } })
  t.match(freeWithFee, { status: 400, json: { error: { code: 'VALIDATION_FAILED' } } }, 'a free tariff with a start fee is refused')
  const versions = await manager('GET', `/sites/${s.site.id}/charging-tariffs`)
  t.same((versions.json.versions as Array<{ version: number }>).map(v => v.version), [2, 1], 'site versions, newest first')

  const scan = await counter('POST', '/charging/sessions', { deviceId: s.device.id, port: 1, cardUid: s.card.uid, holdPoints: 5000 })
  t.match(scan, { status: 201, json: { delivered: true, session: { status: 'starting', port: 1, startedBy: 'scan', holdPoints: 600 } } }, 'asked hold capped at the maximum')
  const session = scan.json.session as { id: string, tariffId: string }
  t.equal(session.tariffId, pile1.json.id, 'the pile\'s own tariff is in force')
  const start = (await s.pile.waitFor(m => m.payload.type === 'start-charging')).payload
  t.match(start, { sessionId: session.id, port: 1, holdPoints: 600, cmdId: scan.json.cmdId }, 'the pile gets the start over MQTT')
  t.match(await counter('GET', `/households/${s.household.id}`), { status: 200, json: { balancePoints: 1000, heldPoints: 600, availablePoints: 400, household: { heldPoints: 600 } } })

  t.match(await counter('POST', '/charging/sessions', { deviceId: s.device.id, port: 1, cardUid: s.card.uid }), { status: 409, json: { error: { code: 'PORT_BUSY' } } })
  const kiosk = await aKiosk(s.db, s.site.id)
  t.match(await counter('POST', '/charging/sessions', { deviceId: kiosk.device.id, port: 1, cardUid: s.card.uid }), { status: 409, json: { error: { code: 'DEVICE_NOT_CHARGER' } } })
  t.match(await counter('POST', '/charging/sessions', { deviceId: s.device.id, port: 2, cardUid: s.card.uid, householdId: s.household.id }), { status: 400 }, 'one of card and household')
  const broke = await aHouseholdWithCard(s.db, s.site.id)
  t.match(await counter('POST', '/charging/sessions', { deviceId: s.device.id, port: 2, householdId: broke.household.id }), { status: 409, json: { error: { code: 'INSUFFICIENT_POINTS' } } }, 'no points, no session')
  const elsewhere = await aCharger(s.db, otherSite.id)
  t.match(await counter('POST', '/charging/sessions', { deviceId: elsewhere.device.id, port: 1, cardUid: s.card.uid }), { status: 403 }, 'a pile of another site')

  const say = pileSays(s.pile, s.eventId)
  await say('command-ack', { ts: min(0), cmdId: start.cmdId, ok: true })
  await say('charging-started', { ts: min(0), sessionId: session.id, port: 1, seq: 0 })
  await say('charging-meter', { ts: min(15), sessionId: session.id, port: 1, seq: 1, energyWh: 75, powerW: 300, voltageV: 54.1, temperatureC: 30 })
  await say('charging-meter', { ts: min(30), sessionId: session.id, port: 1, seq: 2, energyWh: 150, powerW: 290, voltageV: 54.4 })
  t.match(await counter('POST', `/charging/sessions/${session.id}/stop`), { status: 202, json: { stopSent: true } }, 'the resident stops from the phone')
  t.match((await s.pile.waitFor(m => m.payload.type === 'stop-charging')).payload, { sessionId: session.id, port: 1, reason: 'USER' })
  t.match(await counter('POST', `/charging/sessions/${session.id}/stop`), { status: 202, json: { stopSent: false } }, 'asked once')
  await say('charging-stopped', { ts: min(45), sessionId: session.id, port: 1, seq: 3, reason: 'USER', energyWh: 220 })

  const dispute = await counter('GET', `/charging/sessions/${session.id}`)
  t.equal(dispute.status, 200)
  t.match(dispute.json, {
    session: { id: session.id, status: 'stopped', costPoints: 45, chargedPoints: 45, endReason: 'USER' },
    tariff: { id: pile1.json.id, version: 1, deviceId: s.device.id, tariff: { pricing: { pointsPerHour: 60 } } },
    hold: { points: 600, status: 'settled', chargedPoints: 45, releasedPoints: 555, closeReason: 'USER' },
    stop: { seq: 3, reason: 'USER', energyWh: 220, atMs: min(45) }
  }, '45 minutes at the pile\'s 60 points/hour')
  t.same((dispute.json.meterCurve as Array<Record<string, unknown>>).map(m => [m.seq, m.deviceTs, m.energyWh, m.powerW, m.temperatureC]),
    [[1, min(15), 75, 300, 30], [2, min(30), 150, 290, null]], 'the meter curve as the pile measured it')
  t.same((dispute.json.ledgerEntries as Array<Record<string, unknown>>).map(e => [e.kind, e.points]), [['charge', -45]])
  t.match(await counter('GET', `/households/${s.household.id}`), { json: { balancePoints: 955, heldPoints: 0, availablePoints: 955 } })

  const byHousehold = await counter('GET', `/households/${s.household.id}/charging-sessions`)
  const byPile = await counter('GET', `/devices/${s.device.id}/charging-sessions?limit=5`)
  t.same([byHousehold.json.sessions, byPile.json.sessions].map(list => (list as Array<{ id: string }>).map(x => x.id)), [[session.id], [session.id]])
  t.equal((await stranger('GET', `/charging/sessions/${session.id}`)).status, 403, 'another site\'s manager sees nothing')
  t.match(await counter('GET', '/charging/sessions/chg_nothing'), { status: 404, json: { error: { code: 'CHARGING_SESSION_UNKNOWN' } } })
  t.match(await counter('POST', `/charging/sessions/${session.id}/stop`), { status: 409, json: { error: { code: 'CONFLICT' } } }, 'a settled session cannot be stopped')
})
