// What a connecting gate gets recorded, on both stores, with the list
// source the backend shares between connects and the sync round: a connect
// retried after PostgreSQL chose it as a deadlock victim delivers only a
// version the store committed, so what the gate holds is what the store
// says it holds, also after the next change; a site whose list cannot be
// built still gives its gates the time and their settings.
import t from 'tap'
import { currentAlarms } from '../../../services/alarms/alarm-repository.ts'
import { hashCard } from '../../../services/gate/allow-list.ts'
import { createAllowListSource, siteListVersion, snapshotOf, type AllowListSource } from '../../../services/gate/allow-list-store.ts'
import { prepareGateConnect } from '../../../services/gate/gate-connect.ts'
import { gateSite } from '../../../services/gate/gate-repository.ts'
import { UNBUILDABLE_LIST_ALARM } from '../../../services/gate/unbuildable-list.ts'
import { setCardStatus } from '../../../services/households/card-registry.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { capturedLog } from '../../helpers/captured-log.ts'
import { eachStore } from '../../helpers/stores.ts'
import { emulatedGate } from './emulated-gate.ts'

/** The source, except that its first call after `failNext()` fails as a deadlock victim after making the list. */
function deadlockOnce (source: AllowListSource) {
  let fail = false
  const lists: AllowListSource = async (db, siteId, nowMs) => {
    const list = await source(db, siteId, nowMs)
    if (fail) {
      fail = false
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' })
    }
    return list
  }
  return { lists, failNext: () => { fail = true } }
}

await eachStore(t, 'a connect retried after a deadlock delivers only a committed version, and the next change reaches the gate', async (t, { db }) => {
  const site = await aSite(db)
  const a = await aHouseholdWithCard(db, site.id)
  const b = await aHouseholdWithCard(db, site.id)
  const c = await aHouseholdWithCard(db, site.id)
  const gate = emulatedGate(db, (await aGate(db, site.id)).device.id)
  const { salt } = await gateSite(db, site.id)
  const { lists, failNext } = deadlockOnce(createAllowListSource())
  const now = Date.now()

  t.equal(await prepareGateConnect(db, gate.deviceId, now, lists), true)
  t.equal(await gate.takeList(now), 'allow-list-full')
  await setCardStatus(db, a.card.uid, 'blocked')
  failNext()
  t.equal(await prepareGateConnect(db, gate.deviceId, now + 1, lists), true, 'the retry succeeds')
  await gate.takeList(now + 1)
  const holds = async (what: string) => {
    const version = await siteListVersion(db, site.id)
    t.equal(gate.held()?.version, version, `${what}: the gate is at the site's committed version`)
    t.same(gate.held(), await snapshotOf(db, site.id, version), `${what}: and holds that version's stored content`)
  }
  await holds('after the retried connect')

  await setCardStatus(db, b.card.uid, 'blocked')
  t.equal(await prepareGateConnect(db, gate.deviceId, now + 2, lists), true)
  await gate.takeList(now + 2)
  await holds('after the next change')
  t.same(gate.held()?.entries.map(e => e.cardHash), [hashCard(salt, c.card.uid)], 'offline, only the card never blocked opens')
})

await eachStore(t, 'a gate of a site whose list cannot be built still gets its time and settings on connect; the failure is logged and alarmed', async (t, { db }) => {
  const site = await aSite(db)
  const stranded = await aHouseholdWithCard(db, site.id)
  // as a card relinked from another site kept its old schedule
  await db.insertInto('card_schedules').values({ card_uid: stranded.card.uid, schedule_id: 'contractor' }).execute()
  const { device } = await aGate(db, site.id)
  const { log, records } = capturedLog('info')
  t.equal(await prepareGateConnect(db, device.id, Date.now(), createAllowListSource(), log), true, 'the connect is recorded')
  const pending = await db.selectFrom('commands').select('type').where('device_id', '=', device.id).where('status', '=', 'pending').orderBy('type').execute()
  t.same(pending.map(c => c.type), ['gate-config', 'time-sync'], 'the time and the settings, no list')
  t.match(records(), [{ level: 50, siteId: site.id, reason: /unknown schedule: contractor/ }])
  t.match(await currentAlarms(db, { siteId: site.id, type: UNBUILDABLE_LIST_ALARM }), [{ active: true, count: 1 }])
  await prepareGateConnect(db, device.id, Date.now(), createAllowListSource(), log)
  t.match(await currentAlarms(db, { siteId: site.id, type: UNBUILDABLE_LIST_ALARM }), [{ active: true, count: 1 }], 'one alarm, not one count per connect')
})
