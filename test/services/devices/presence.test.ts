// Presence against both real stores: what is written is the live connection
// state at flush time, whatever order the connect/disconnect events came in;
// a failed flush is retried with the state as it is then. With several nodes
// each row names the node holding the connection: a node's late disconnect or
// its restart never clears another node's device, and the devices of a node
// whose heartbeat stopped are cleared by the others.
import t from 'tap'
import { pino } from 'pino'
import { beat, clearDeadNodes } from '../../../services/devices/node-heartbeat.ts'
import { createPresence, markOwnOffline } from '../../../services/devices/presence.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

const log = pino({ level: 'silent' })

async function twoKiosks (store: Store) {
  const site = await aSite(store.db)
  return [(await aKiosk(store.db, site.id)).device.id, (await aKiosk(store.db, site.id)).device.id] as const
}

async function ownerOf (store: Store, deviceId: string) {
  return (await store.db.selectFrom('devices').select(['online', 'online_node']).where('id', '=', deviceId).executeTakeFirstOrThrow())
}

async function onlineOf (store: Store, deviceId: string) {
  return (await store.db.selectFrom('devices').select(['online', 'last_seen_at_ms']).where('id', '=', deviceId).executeTakeFirstOrThrow())
}

void eachStore(t, 'a stale disconnect after a reconnect leaves the device online', async (t, store) => {
  const [kiosk] = await twoKiosks(store)
  const live = new Set<string>()
  const presence = createPresence({ db: store.db, log, nodeId: 'node-a', isConnected: id => live.has(id), flushMs: 60_000 })
  t.teardown(() => presence.close())

  live.add(kiosk) // the new connection is ready …
  presence.changed(kiosk)
  presence.changed(kiosk) // … and the old connection's disconnect comes after it
  await presence.flush()
  t.equal((await onlineOf(store, kiosk)).online, 1)
  t.equal(presence.pending(), 0)

  live.delete(kiosk) // now the live connection closes
  presence.changed(kiosk)
  await presence.flush()
  t.equal((await onlineOf(store, kiosk)).online, 0)
})

void eachStore(t, 'a failed flush is retried at the next one, with the latest state', async (t, store) => {
  const [kiosk, other] = await twoKiosks(store)
  const live = new Set([kiosk, other])
  const presence = createPresence({ db: store.db, log, nodeId: 'node-a', isConnected: id => live.has(id), flushMs: 60_000 })
  t.teardown(() => presence.close())
  presence.changed(kiosk)
  presence.changed(other)

  // the store refuses the write: the devices table is not there for a moment
  await store.db.schema.alterTable('devices').renameTo('devices_away').execute()
  await presence.flush()
  await store.db.schema.alterTable('devices_away').renameTo('devices').execute()
  t.equal(presence.pending(), 2, 'both devices still to be written')
  t.equal((await onlineOf(store, kiosk)).online, 0, 'nothing written')

  live.delete(kiosk) // meanwhile one of them went away, without a new event reaching presence
  await presence.flush()
  t.equal(presence.pending(), 0)
  t.equal((await onlineOf(store, kiosk)).online, 0, 'the latest state, not the one that failed to be written')
  t.equal((await onlineOf(store, other)).online, 1, 'the other device is written on the retry')
  t.type((await onlineOf(store, other)).last_seen_at_ms, 'number')
})

void eachStore(t, 'the timer flushes without being asked', async (t, store) => {
  const [kiosk] = await twoKiosks(store)
  const presence = createPresence({ db: store.db, log, nodeId: 'node-a', isConnected: () => true, flushMs: 20 })
  t.teardown(() => presence.close())
  presence.changed(kiosk)
  const deadline = Date.now() + 5000
  while ((await onlineOf(store, kiosk)).online !== 1) {
    if (Date.now() > deadline) throw new Error('the timer never flushed')
    await new Promise(resolve => setImmediate(resolve))
  }
  t.equal(presence.pending(), 0)
})

void eachStore(t, 'at startup a node marks its own devices offline, and those nobody owns', async (t, store) => {
  const [kiosk, other] = await twoKiosks(store)
  const site = await aSite(store.db)
  const elsewhere = (await aKiosk(store.db, site.id)).device.id
  await store.db.updateTable('devices').set({ online: 1, online_node: 'node-a' }).where('id', '=', kiosk).execute()
  await store.db.updateTable('devices').set({ online: 1, online_node: null }).where('id', '=', other).execute()
  await store.db.updateTable('devices').set({ online: 1, online_node: 'node-b' }).where('id', '=', elsewhere).execute()
  t.equal(await markOwnOffline(store.db, 'node-a'), 2)
  t.equal((await onlineOf(store, kiosk)).online, 0)
  t.equal((await onlineOf(store, other)).online, 0, 'left online before owners were recorded')
  t.equal((await onlineOf(store, elsewhere)).online, 1, 'node B still holds its device')
  t.equal(await markOwnOffline(store.db, 'node-a'), 0, 'nothing left to change')
})

void eachStore(t, 'a device that moved to another node is not marked offline by the old node', async (t, store) => {
  const [kiosk] = await twoKiosks(store)
  const onA = new Set([kiosk])
  const onB = new Set<string>()
  const a = createPresence({ db: store.db, log, nodeId: 'node-a', isConnected: id => onA.has(id), flushMs: 60_000 })
  const b = createPresence({ db: store.db, log, nodeId: 'node-b', isConnected: id => onB.has(id), flushMs: 60_000 })
  t.teardown(async () => { await a.close(); await b.close() })
  a.changed(kiosk)
  await a.flush()
  t.match(await ownerOf(store, kiosk), { online: 1, online_node: 'node-a' })

  onB.add(kiosk) // the kiosk reconnects to node B while node A still holds the half-open connection …
  b.changed(kiosk)
  await b.flush()
  onA.delete(kiosk) // … whose keep-alive runs out later
  a.changed(kiosk)
  await a.flush()
  t.match(await ownerOf(store, kiosk), { online: 1, online_node: 'node-b' }, 'still online, at node B')

  onB.delete(kiosk)
  b.changed(kiosk)
  await b.flush()
  t.match(await ownerOf(store, kiosk), { online: 0, online_node: null }, 'node B\'s own disconnect counts')
})

void eachStore(t, 'the devices of a node not heard of are marked offline, a live node\'s stay', async (t, store) => {
  const [ofLive, ofDead] = await twoKiosks(store)
  const now = Date.now()
  await beat(store.db, 'node-live', now)
  await beat(store.db, 'node-dead', now - 61_000)
  await store.db.updateTable('devices').set({ online: 1, online_node: 'node-live' }).where('id', '=', ofLive).execute()
  await store.db.updateTable('devices').set({ online: 1, online_node: 'node-dead' }).where('id', '=', ofDead).execute()
  t.equal(await clearDeadNodes(store.db, 60_000, now), 1)
  t.match(await ownerOf(store, ofDead), { online: 0, online_node: null })
  t.match(await ownerOf(store, ofLive), { online: 1, online_node: 'node-live' })
  await beat(store.db, 'node-dead', now) // it comes back: its devices reconnect and are its own again
  t.equal(await clearDeadNodes(store.db, 60_000, now + 1000), 0)
})
