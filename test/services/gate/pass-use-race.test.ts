// A visitor pass's last use under a race, on both stores with separate
// connections: two gates verify the pass at once (both read 1 use of 2). The
// first one's transaction holds the pass's row; the second one's claim waits
// for it (seen waiting on PostgreSQL) and finds the pass used up. Offline uses
// the gates replay are counted even past the limit: they happened.
import t from 'tap'
import { claimPassUse, countPassUse, findPass } from '../../../services/gate/pass-repository.ts'
import { issueVisitorPass, revokeVisitorPass } from '../../../services/gate/pass-issuing.ts'
import { aSite } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { eachStoreConnections } from '../../helpers/stores.ts'
import { lockWait } from '../points/held-transaction.ts'
import { holdOpen } from './hold-open.ts'


await eachStoreConnections(t, 'the last use of a pass at two gates at once: exactly one opens', 2, async (t, [one, two]) => {
  const postgres = one!.dialect === 'postgres'
  const site = await aSite(one!.db)
  const { device } = await aGate(one!.db, site.id)
  const clerk = { id: 'st-1', username: 'c', name: 'C', role: 'counter' as const, siteId: site.id }
  const { pass } = await issueVisitorPass(one!.db, clerk, site.id, { gates: [device.id], validFromMs: Date.now(), validUntilMs: Date.now() + 60_000, maxUses: 2 })
  t.equal(await claimPassUse(one!.db, pass.id), true, 'first use')

  const first = holdOpen(postgres, one!.db, trx => claimPassUse(trx, pass.id))
  t.equal(await first.worked, true, 'one gate takes the last use (transaction still open)')
  const second = two!.db.transaction().execute(trx => claimPassUse(trx, pass.id))
  if (postgres) t.same((await lockWait(one!.db, { statement: 'update "visitor_passes"' })).blockers, [await first.pid], 'the other waits for its row')
  first.release()
  await first.committed
  t.equal(await second, false, 'the other finds it used up: EXHAUSTED')
  t.equal((await findPass(one!.db, pass.id))?.uses, 2)

  await countPassUse(two!.db, pass.id)
  t.equal((await findPass(one!.db, pass.id))?.uses, 3, 'a replayed offline use counts even past the limit')
  const fresh = await issueVisitorPass(one!.db, clerk, site.id, { gates: [device.id], validFromMs: Date.now(), validUntilMs: Date.now() + 60_000, maxUses: 5 })
  await revokeVisitorPass(one!.db, clerk, fresh.pass.id)
  t.equal(await claimPassUse(one!.db, fresh.pass.id), false, 'a revoked pass is not used online')
})
