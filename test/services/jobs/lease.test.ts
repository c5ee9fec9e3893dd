// The lease is taken by exactly one of several connections trying at once,
// renewed by its holder, taken over only once expired or released, and its
// fencing token grows at each change of hands. Both stores.
import t from 'tap'
import { acquireLease, findLease, releaseLease } from '../../../services/jobs/lease.ts'
import { eachStoreConnections } from '../../helpers/stores.ts'

const name = 'sweep'
const ttl = 1000

void eachStoreConnections(t, 'one winner among connections trying at once', 4, async (t, stores) => {
  const won = await Promise.all(stores.map((s, i) => acquireLease(s.db, name, `p${i}`, ttl, 10_000)))
  const winners = won.filter(l => l != null)
  t.equal(winners.length, 1, 'exactly one connection holds the lease')
  t.equal(winners[0]?.fencingToken, 1)
  t.same(await findLease(stores[0]!.db, name), winners[0], 'the store holds what the winner was told')

  // expired: all try again at once, again one wins, with the next token
  const again = await Promise.all(stores.map((s, i) => acquireLease(s.db, name, `p${i}`, ttl, 11_000)))
  const second = again.filter(l => l != null)
  t.equal(second.length, 1, 'exactly one takes the expired lease')
  t.equal(second[0]?.fencingToken, 2)
  t.equal(second[0]?.expiresAtMs, 12_000)
})

void eachStoreConnections(t, 'renewal, refusal, expiry and release', 2, async (t, [a, b]) => {
  const first = await acquireLease(a!.db, name, 'A', ttl, 0)
  t.same(first, { name, holder: 'A', expiresAtMs: 1000, fencingToken: 1 })
  t.equal(await acquireLease(b!.db, name, 'B', ttl, 999), undefined, 'another holder is refused while the lease runs')
  t.same(await acquireLease(a!.db, name, 'A', ttl, 500), { name, holder: 'A', expiresAtMs: 1500, fencingToken: 1 }, 'renewal extends and keeps the token')
  t.equal(await acquireLease(b!.db, name, 'B', ttl, 1499), undefined, 'the renewed lease still refuses')
  t.same(await acquireLease(b!.db, name, 'B', ttl, 1500), { name, holder: 'B', expiresAtMs: 2500, fencingToken: 2 }, 'taken the moment it expires')
  t.equal(await acquireLease(a!.db, name, 'A', ttl, 1600), undefined, 'the old holder cannot renew a lease it lost')
  t.equal(await releaseLease(a!.db, name, 'A'), false, 'nor release it')
  t.equal(await releaseLease(b!.db, name, 'B'), true)
  t.equal(await releaseLease(b!.db, name, 'B'), false, 'a second release changes nothing')
  t.same(await acquireLease(a!.db, name, 'A', ttl, 1700), { name, holder: 'A', expiresAtMs: 2700, fencingToken: 3 }, 'a released lease is free at once')
  t.same(await acquireLease(a!.db, 'other-job', 'B', ttl, 1700), { name: 'other-job', holder: 'B', expiresAtMs: 2700, fencingToken: 1 }, 'each job has its own lease')
})

void eachStoreConnections(t, 'a holder whose own lease expired starts a new term', 1, async (t, [a]) => {
  await acquireLease(a!.db, name, 'A', ttl, 0)
  t.same(await acquireLease(a!.db, name, 'A', ttl, 5000), { name, holder: 'A', expiresAtMs: 6000, fencingToken: 2 }, 'after expiry, work stamped with the old token is stale')
})

void eachStoreConnections(t, 'a ttl that is not positive is refused and stores nothing', 1, async (t, [a]) => {
  await t.rejects(acquireLease(a!.db, name, 'A', 0, 0), RangeError)
  await t.rejects(acquireLease(a!.db, name, 'A', Number.NaN, 0), RangeError)
  t.equal(await findLease(a!.db, name), undefined)
})
