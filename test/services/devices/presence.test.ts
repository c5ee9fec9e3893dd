// Presence against both real stores: what is written is the live connection
// state at flush time, whatever order the connect/disconnect events came in;
// a failed flush is retried with the state as it is then.
import t from 'tap'
import { pino } from 'pino'
import { createPresence, markAllOffline } from '../../../services/devices/presence.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

const log = pino({ level: 'silent' })

async function twoKiosks (store: Store) {
  const site = await aSite(store.db)
  return [(await aKiosk(store.db, site.id)).device.id, (await aKiosk(store.db, site.id)).device.id] as const
}

async function onlineOf (store: Store, deviceId: string) {
  return (await store.db.selectFrom('devices').select(['online', 'last_seen_at_ms']).where('id', '=', deviceId).executeTakeFirstOrThrow())
}

void eachStore(t, 'a stale disconnect after a reconnect leaves the device online', async (t, store) => {
  const [kiosk] = await twoKiosks(store)
  const live = new Set<string>()
  const presence = createPresence({ db: store.db, log, isConnected: id => live.has(id), flushMs: 60_000 })
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
  const presence = createPresence({ db: store.db, log, isConnected: id => live.has(id), flushMs: 60_000 })
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
  const presence = createPresence({ db: store.db, log, isConnected: () => true, flushMs: 20 })
  t.teardown(() => presence.close())
  presence.changed(kiosk)
  const deadline = Date.now() + 5000
  while ((await onlineOf(store, kiosk)).online !== 1) {
    if (Date.now() > deadline) throw new Error('the timer never flushed')
    await new Promise(resolve => setImmediate(resolve))
  }
  t.equal(presence.pending(), 0)
})

void eachStore(t, 'at startup every device is marked offline', async (t, store) => {
  const [kiosk, other] = await twoKiosks(store)
  await store.db.updateTable('devices').set({ online: 1 }).execute()
  t.equal(await markAllOffline(store.db), 2)
  t.equal((await onlineOf(store, kiosk)).online, 0)
  t.equal((await onlineOf(store, other)).online, 0)
  t.equal(await markAllOffline(store.db), 0, 'nothing left to change')
})
