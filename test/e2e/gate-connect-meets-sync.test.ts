// A gate sync round that meets a gate's connect (it records and sends the
// gate a new list and the time while the connect is being prepared) used to
// reach the gate twice: the round's own send, then the connect's re-send of
// everything pending. Under a CPU hog the mosquitto walkthrough read the list
// twice and missed its settings. Now each command reaches the gate once, and a
// time the connect superseded is not sent after the fresh one. The connect is
// held at its start by a test hook, on both stores, over the real broker.
import t from 'tap'
import { setCardStatus } from '../../services/households/card-registry.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { connectDevice } from '../helpers/backend.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'

function signal (): { promise: Promise<void>, fire: () => void } {
  let fire!: () => void
  const promise = new Promise<void>(resolve => { fire = resolve })
  return { promise, fire }
}

await eachBackendStore(t, 'a sync round during a gate\'s connect: each command reaches the gate once, no stale time after a fresh one', async (t, store) => {
  let gateId = ''
  const connectHeld = signal()
  const connectGo = signal()
  const connectSettled = signal()
  const backend = await startBackendOn(t, store, { GATE_SYNC_POLL_MS: 60_000 }, {
    gateConnectStarting: async deviceId => { if (deviceId === gateId) { connectHeld.fire(); await connectGo.promise } },
    gateConnectSettled: deviceId => { if (deviceId === gateId) connectSettled.fire() }
  })
  const { db } = backend.store
  const site = await aSite(db)
  const gate = await aGate(db, site.id)
  gateId = gate.device.id
  await aHouseholdWithCard(db, site.id)
  const neighbour = await aHouseholdWithCard(db, site.id)

  const device = await connectDevice(t, backend.mqttUrl, gateId, gate.secret)
  await connectHeld.promise
  // while the connect waits: a card is blocked, and a round (with the time due) runs
  await setCardStatus(db, neighbour.card.uid, 'blocked')
  const round = await backend.gateSync.runOnce(Date.now() + backend.config.GATE_TIME_SYNC_MS)
  const roundTypes = round.filter(m => m.deviceId === gateId).map(m => (JSON.parse(m.payload) as { type: string }).type)
  t.same(roundTypes.sort(), ['allow-list-full', 'time-sync'], 'the round recorded and sent the gate its list and the time')
  connectGo.fire()
  await connectSettled.promise

  // written after everything the connect sent: once it arrives, all before it has
  backend.broker.sendToDevice(gateId, `devices/${gateId}/commands`, JSON.stringify({ type: 'test-marker' }))
  await device.waitFor(m => m.payload.type === 'test-marker')
  const commands = device.received.filter(m => m.topic === `devices/${gateId}/commands` && m.payload.type !== 'test-marker')
  const count = (type: string) => commands.filter(m => m.payload.type === type).length
  t.equal(count('allow-list-full'), 1, 'the list once')
  t.equal(count('gate-config'), 1, 'the settings once')
  t.equal(count('time-sync'), 1, 'one time')
  const cmdIds = commands.map(m => m.payload.cmdId)
  t.equal(new Set(cmdIds).size, cmdIds.length, 'no command twice')
  const pendingTime = await db.selectFrom('commands').select('cmd_id').where('device_id', '=', gateId)
    .where('type', '=', 'time-sync').where('status', '=', 'pending').executeTakeFirstOrThrow()
  t.equal(commands.find(m => m.payload.type === 'time-sync')?.payload.cmdId, pendingTime.cmd_id, 'the connect\'s fresh time, not the round\'s it superseded')
  const roundList = round.find(m => m.deviceId === gateId && m.payload.includes('allow-list-full'))!
  t.equal(commands.find(m => m.payload.type === 'allow-list-full')?.payload.cmdId, (JSON.parse(roundList.payload) as { cmdId: string }).cmdId, 'the round\'s list, which the connect left pending')
})
