// The sync round, site by site, on both stores: a site whose allow-list
// cannot be built (here a card naming a schedule its site does not have, as a
// relinked card kept it before unlinking cleared it) holds up neither the
// other sites' lists nor its own gates' time; it is logged at error level and
// raised as a site alarm, which clears once the list builds again.
import t from 'tap'
import { currentAlarms } from '../../../services/alarms/alarm-repository.ts'
import { hashCard } from '../../../services/gate/allow-list.ts'
import { createAllowListSource } from '../../../services/gate/allow-list-store.ts'
import { prepareGateConnect } from '../../../services/gate/gate-connect.ts'
import { gateSite, setCardSchedule } from '../../../services/gate/gate-repository.ts'
import { startGateSync } from '../../../services/gate/gate-sync.ts'
import { UNBUILDABLE_LIST_ALARM } from '../../../services/gate/unbuildable-list.ts'
import { setCardStatus } from '../../../services/households/card-registry.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { capturedLog } from '../../helpers/captured-log.ts'
import { eachStore } from '../../helpers/stores.ts'
import { emulatedGate } from './emulated-gate.ts'

const HOUR = 3_600_000

await eachStore(t, 'a site whose list cannot be built holds up no other site, and its gates still get the time', async (t, { db }) => {
  const bad = await aSite(db)
  const good = await aSite(db)
  const stranded = await aHouseholdWithCard(db, bad.id)
  const lostThere = await aHouseholdWithCard(db, bad.id)
  const resident = await aHouseholdWithCard(db, good.id)
  const neighbour = await aHouseholdWithCard(db, good.id)
  const badGate = emulatedGate(db, (await aGate(db, bad.id)).device.id)
  const goodGate = emulatedGate(db, (await aGate(db, good.id)).device.id)
  const lists = createAllowListSource()
  const start = Date.now()
  for (const gate of [badGate, goodGate]) {
    await prepareGateConnect(db, gate.deviceId, start, lists)
    await gate.takeList(start)
  }
  t.ok(badGate.held(), 'the bad site\'s gate holds a list from before')
  // as a card relinked from another site kept its old schedule (the list refers to an unknown schedule)
  await db.insertInto('card_schedules').values({ card_uid: stranded.card.uid, schedule_id: 'contractor' }).execute()
  await setCardStatus(db, resident.card.uid, 'blocked')
  await setCardStatus(db, lostThere.card.uid, 'lost')

  const { log, records } = capturedLog('info')
  const sent: string[] = []
  const sync = startGateSync({ db, log, connectedDeviceIds: () => [badGate.deviceId, goodGate.deviceId], send: m => { sent.push(m.deviceId) }, pollMs: HOUR, timeSyncMs: HOUR, lists })
  t.teardown(() => sync.stop())
  const now = start + 1000
  await sync.runOnce(now)
  t.same(sent, [goodGate.deviceId], 'the good site\'s gate gets its delta')
  t.equal(await goodGate.takeList(now), 'allow-list-delta')
  const { salt } = await gateSite(db, good.id)
  t.same(goodGate.held()?.entries.map(e => e.cardHash), [hashCard(salt, neighbour.card.uid)], 'the blocked card is gone from its offline list')
  const logged = records().filter(r => r.siteId === bad.id)
  t.match(logged, [{ level: 50, reason: /unknown schedule: contractor/ }], 'logged at error level, once, with the reason')
  const alarms = await currentAlarms(db, { siteId: bad.id, type: UNBUILDABLE_LIST_ALARM })
  t.match(alarms, [{ key: { siteId: bad.id, deviceId: null }, severity: 'major', active: true, message: /unknown schedule: contractor/ }], 'raised where staff see it')

  sent.length = 0
  await sync.runOnce(now + HOUR)
  t.same(sent.sort(), [badGate.deviceId, goodGate.deviceId].sort(), 'an hour later both sites\' gates get the time')
  const times = await db.selectFrom('commands').select('device_id').where('type', '=', 'time-sync').where('status', '=', 'pending').where('device_id', '=', badGate.deviceId).execute()
  t.equal(times.length, 1, 'recorded for the bad site\'s gate too')

  // staff fix the card: the next round brings the bad site's gate its list and clears the alarm
  await setCardSchedule(db, stranded.card.uid, null)
  sent.length = 0
  await sync.runOnce(now + HOUR + 1000)
  t.same(sent, [badGate.deviceId])
  t.equal(await badGate.takeList(now + HOUR + 1000), 'allow-list-delta')
  const badSalt = (await gateSite(db, bad.id)).salt
  t.same(badGate.held()?.entries.map(e => e.cardHash), [hashCard(badSalt, stranded.card.uid)], 'the card lost meanwhile leaves its offline list')
  t.match(await currentAlarms(db, { siteId: bad.id, type: UNBUILDABLE_LIST_ALARM }), [{ active: false }], 'cleared (staff still acknowledge it)')
})

// A gate that has not acked its list command is held back from the next version for
// LIST_ACK_WAIT_MS (its ack would bring the delta). When the wait ends it gets the newer
// version by a round of its own: nothing else need change for a blocked card to leave it.
await eachStore(t, 'a gate held back from a version gets it when its wait for the older ack ends', async (t, { db }) => {
  const site = await aSite(db)
  const first = await aHouseholdWithCard(db, site.id)
  const second = await aHouseholdWithCard(db, site.id)
  const staying = await aHouseholdWithCard(db, site.id)
  const gate = emulatedGate(db, (await aGate(db, site.id)).device.id)
  const lists = createAllowListSource()
  const start = Date.now()
  await prepareGateConnect(db, gate.deviceId, start, lists)
  await gate.takeList(start)
  const { log } = capturedLog('info')
  const sent: string[] = []
  const sync = startGateSync({ db, log, connectedDeviceIds: () => [gate.deviceId], send: m => { sent.push(JSON.parse(m.payload).type as string) }, pollMs: HOUR, timeSyncMs: HOUR, lists })
  t.teardown(() => sync.stop())

  await setCardStatus(db, first.card.uid, 'blocked')
  await sync.runOnce(start + 1000)
  t.same(sent, ['allow-list-delta'], 'the first block goes out; the gate does not ack it')
  await setCardStatus(db, second.card.uid, 'blocked')
  sent.length = 0
  await sync.runOnce(start + 2000)
  t.same(sent, [], 'the second waits for the ack of the first')
  await sync.runOnce(start + 1000 + 30_000 - 1)
  t.same(sent, [], 'until the wait ends')
  await sync.runOnce(start + 1000 + 30_000)
  t.same(sent, ['allow-list-delta'], 'then it goes out with nothing else changed')
  t.equal(await gate.takeList(start + 32_000), 'allow-list-delta', 'a delta from the version the gate acknowledged')
  const { salt } = await gateSite(db, site.id)
  t.same(gate.held()?.entries.map(e => e.cardHash), [hashCard(salt, staying.card.uid)], 'both blocked cards are gone from its offline list')
  sent.length = 0
  await sync.runOnce(start + 120_000)
  t.same(sent, [], 'nothing more to send')
})
