// What a connecting gate gets recorded, on both stores, with the list
// source the backend shares between connects and the sync round: a connect
// retried after PostgreSQL chose it as a deadlock victim delivers only a
// version the store committed, so what the gate holds is what the store
// says it holds, also after the next change.
import t from 'tap'
import { hashCard } from '../../../services/gate/allow-list.ts'
import { createAllowListSource, siteListVersion, snapshotOf, type AllowListSource } from '../../../services/gate/allow-list-store.ts'
import { prepareGateConnect } from '../../../services/gate/gate-connect.ts'
import { gateSite } from '../../../services/gate/gate-repository.ts'
import { setCardStatus } from '../../../services/households/card-registry.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
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
