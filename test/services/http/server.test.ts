// End to end over a real socket: listen on port 0 and use fetch.
import tap from 'tap'
import type { AddressInfo } from 'node:net'
import { appendEntry, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)

t.test('a counter redeems over a listening server', async t => {
  const h = await harness(t)
  await h.app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`
  const { household, card } = await aHouseholdWithCard(h.db, h.siteId)
  await appendEntry(h.db, { householdId: household.id, kind: 'earn', points: 800, idempotencyKey: 'seed-e2e', nowMs: Date.now() })

  t.equal((await fetch(`${base}/health`)).status, 200)
  t.equal((await fetch(`${base}/api/me`)).status, 401)

  const headers = { authorization: `Bearer ${h.counter.token}`, 'content-type': 'application/json', 'idempotency-key': 'e2e-1' }
  const body = JSON.stringify({ cardUid: card.uid, kind: 'cash', points: 300 })
  const first = await fetch(`${base}/api/redemptions`, { method: 'POST', headers, body })
  t.equal(first.status, 201)
  const json = await first.json() as { balancePoints: number, redemption: { id: string }, receipt: string }
  t.equal(json.balancePoints, 500)
  const again = await fetch(`${base}/api/redemptions`, { method: 'POST', headers, body })
  t.same(await again.json(), json, 'a retried request gets the same answer')

  const receipt = await fetch(`${base}/api/redemptions/${json.redemption.id}/receipt`, { headers: { authorization: `Bearer ${h.counter.token}` } })
  t.match(receipt.headers.get('content-type'), /^text\/plain/)
  t.equal(await receipt.text(), json.receipt)
  t.same(await ledgerInvariantViolations(h.db), [])
})
