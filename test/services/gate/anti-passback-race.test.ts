// Hard anti-passback under a race, on both stores with separate connections:
// two gates of one zone let the same card in at once (both read "no passage"
// before either writes). The first one's transaction holds its row; the
// second one's claim really waits for it (seen waiting on PostgreSQL; on
// SQLite it waits for the write lock) and then refuses. Exactly one passes.
import t from 'tap'
import { claimPassage, createZone, lastPassage } from '../../../services/gate/gate-repository.ts'
import { aSite } from '../../fixtures/builders.ts'
import { eachStoreConnections } from '../../helpers/stores.ts'
import { lockWait } from '../points/held-transaction.ts'
import { holdOpen } from './hold-open.ts'

await eachStoreConnections(t, 'two gates, one card, one zone, at once: exactly one passes', 2, async (t, [one, two]) => {
  const site = await aSite(one!.db)
  await createZone(one!.db, { id: `z-${site.id}`, siteId: site.id, antiPassback: 'hard', resetAfterMs: null })
  const zone = `z-${site.id}`
  const now = Date.now()
  t.equal(await lastPassage(one!.db, zone, 'CARD0001'), null, 'both gates read: no passage yet')

  const postgres = one!.dialect === 'postgres'
  const first = holdOpen(postgres, one!.db, trx => claimPassage(trx, zone, 'CARD0001', 'in', now, null))
  t.equal(await first.worked, true, 'the first gate claims the passage (its transaction still open)')
  const second = two!.db.transaction().execute(trx => claimPassage(trx, zone, 'CARD0001', 'in', now + 1, null))
  if (postgres) {
    const wait = await lockWait(one!.db, { statement: 'insert into "gate_passages"' })
    t.same(wait.blockers, [await first.pid], 'the second claim waits for the first one\'s row')
  }
  first.release()
  await first.committed
  t.equal(await second, false, 'the second gate refuses: ANTI_PASSBACK')
  t.match(await lastPassage(one!.db, zone, 'CARD0001'), { direction: 'in', atMs: now }, 'the first passage stands')

  // going out is the other way: claimed; with a reset, the same way again after it
  t.equal(await claimPassage(two!.db, zone, 'CARD0001', 'out', now + 10, null), true)
  t.equal(await claimPassage(two!.db, zone, 'CARD0001', 'out', now + 20, null), false)
  t.equal(await claimPassage(two!.db, zone, 'CARD0001', 'out', now + 10 + 60_000 - 1, 60_000), false, 'one ms short of the reset')
  t.equal(await claimPassage(two!.db, zone, 'CARD0001', 'out', now + 10 + 60_000, 60_000), true, 'exactly at the reset it is forgotten')
})
