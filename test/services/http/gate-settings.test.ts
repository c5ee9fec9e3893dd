// Setting up gates over HTTP, on both stores: a gate's settings (recorded as a
// gate-config command for the gate), zones, schedules, card schedules and
// holidays; roles and site scope; bad input changes nothing.
import t from 'tap'
import { registryVersion } from '../../../services/devices/registry-version.ts'
import { scheduleOfCard, siteHolidays } from '../../../services/gate/gate-repository.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const store = onEachStore(t)

store.test('gate settings, zones, schedules, holidays', async t => {
  const h = await harness(t)
  const { device } = await aGate(h.db, h.siteId, { directions: ['in'], releaseMs: 2000 })
  const { card } = await aHouseholdWithCard(h.db, h.siteId)

  const state = await h.manager.call('GET', `/api/gates/${device.id}`)
  t.equal(state.statusCode, 200)
  t.match(state.json(), { deviceId: device.id, directions: ['in'], zoneId: null, releaseMs: 2000, listAckedVersion: 0, timeSyncedAtMs: null })
  t.equal((await h.counter.call('GET', `/api/gates/${device.id}`)).statusCode, 403)
  t.equal((await h.otherManager.call('GET', `/api/gates/${device.id}`)).statusCode, 403)

  t.equal((await h.manager.call('POST', `/api/sites/${h.siteId}/gate-zones`, { id: 'north-fence', antiPassback: 'hard' })).statusCode, 403, 'zones are for admins')
  t.equal((await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/gate-zones`, { id: 'north-fence', antiPassback: 'hard', resetAfterMs: 3_600_000 })).statusCode, 201)
  t.equal(errorCode(await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/gate-zones`, { id: 'north-fence', antiPassback: 'soft' })), 'CONFLICT')
  const unknownZone = await h.siteAdmin.call('PUT', `/api/gates/${device.id}`, { directions: ['in', 'out'], zoneId: 'nowhere' })
  t.equal(unknownZone.statusCode, 400)
  t.equal((await h.db.selectFrom('gates').select('directions').where('device_id', '=', device.id).executeTakeFirstOrThrow()).directions, 'in', 'a refused change changes nothing')
  const changed = await h.siteAdmin.call('PUT', `/api/gates/${device.id}`, { directions: ['out', 'in'], zoneId: 'north-fence', releaseMs: 4000 })
  t.equal(changed.statusCode, 200)
  t.match(changed.json(), { directions: ['in', 'out'], zoneId: 'north-fence', releaseMs: 4000 })
  const config = await h.db.selectFrom('commands').select(['payload', 'status']).where('device_id', '=', device.id).where('type', '=', 'gate-config').execute()
  t.equal(config.length, 1)
  t.match(JSON.parse(config[0]!.payload), { type: 'gate-config', directions: ['in', 'out'], releaseMs: 4000, cardHashSalt: /^[0-9a-f]{32}$/ }, 'the gate gets its new settings')

  const before = await registryVersion(h.db)
  const schedule = { weekdays: { mon: [{ from: '08:00', to: '18:00' }] }, dateRanges: [{ from: '2026-03-01', until: '2026-03-31' }], freeExit: true }
  t.equal((await h.counter.call('PUT', `/api/sites/${h.siteId}/access-schedules/contractor`, schedule)).statusCode, 403)
  t.equal((await h.manager.call('PUT', `/api/sites/${h.siteId}/access-schedules/contractor`, schedule)).statusCode, 200)
  t.equal((await h.manager.call('PUT', `/api/sites/${h.siteId}/access-schedules/broken`, { weekdays: { mon: [{ from: '24:00', to: '02:00' }] } })).statusCode, 400)
  t.equal(errorCode(await h.manager.call('PUT', `/api/cards/${card.uid}/schedule`, { scheduleId: 'nope' })), 'VALIDATION_FAILED')
  t.equal((await h.manager.call('PUT', `/api/cards/${card.uid}/schedule`, { scheduleId: 'contractor' })).statusCode, 200)
  t.match(await scheduleOfCard(h.db, h.siteId, card.uid), { id: 'contractor', freeExit: true })
  t.equal((await h.otherManager.call('PUT', `/api/cards/${card.uid}/schedule`, { scheduleId: null })).statusCode, 403)
  t.equal((await h.manager.call('PUT', `/api/cards/${card.uid}/schedule`, { scheduleId: null })).statusCode, 200)
  t.equal(await scheduleOfCard(h.db, h.siteId, card.uid), null, 'no time limit again')

  t.equal((await h.manager.call('PUT', `/api/sites/${h.siteId}/holidays`, { holidays: ['2026-02-30'] })).statusCode, 400, 'no such date')
  t.equal((await h.manager.call('PUT', `/api/sites/${h.siteId}/holidays`, { holidays: ['2026-10-02', '2026-10-01', '2026-10-01'] })).statusCode, 200)
  t.same([...await siteHolidays(h.db, h.siteId)], ['2026-10-01', '2026-10-02'])
  t.ok(await registryVersion(h.db) > before, 'the allow-lists follow (registry version moved)')
})
