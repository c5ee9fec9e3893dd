// The simulator's pass verifier (written from docs/protocol.md) agrees with
// the backend's reference verifier on the documented vector and on every
// deny reason, case by case.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { verifyVisitorPass, type PassContext } from '../../device-sim/pass-verifier.ts'
import { generateSiteKey, issuePass, verifyPass } from '../../services/gate/visitor-pass.ts'

const doc = readFileSync(fileURLToPath(new URL('../../docs/protocol.md', import.meta.url)), 'utf8')
const vectorText = /<!-- example: PassTestVector -->\s*```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '{}'
const vector = JSON.parse(vectorText) as { publicKey: { kid: string, publicKey: string }, qr: string, claims: { nbf: number, exp: number } }

t.test('the documented vector', async t => {
  const ctx: PassContext = { siteId: 's1', gateId: 'gate-north', keys: [vector.publicKey], revokedPasses: [], clockSynced: true, nowMs: vector.claims.nbf * 1000, usesBefore: () => 0 }
  t.same(verifyVisitorPass(vector.qr, ctx), { ok: true, passId: 'vp-0001' })
  t.same(verifyVisitorPass(vector.qr, { ...ctx, nowMs: vector.claims.exp * 1000 }), { ok: false, reason: 'EXPIRED' })
})

t.test('agrees with the reference verifier on every reason', async t => {
  const key = generateSiteKey('k1')
  const other = generateSiteKey('k1')
  const from = 1_773_021_600_000
  const grant = { site: 's1', passId: 'vp-1', gates: ['g1'], validFromMs: from, validUntilMs: from + 3_600_000, maxUses: 2 }
  const qr = issuePass(grant, key)
  const [head, claims, sig] = qr.split('.') as [string, string, string]
  const base = { siteId: 's1', gateId: 'g1', keys: [key.publicKey], revoked: [] as string[], clockSynced: true, nowMs: from + 1000, uses: 0 }
  const cases: Array<[string, string, Partial<typeof base>]> = [
    ['valid', qr, {}],
    ['garbage', 'hello', {}],
    ['bad claims', `VP1.${Buffer.from('{"v":2}').toString('base64url')}.${sig}`, {}],
    ['other site', qr, { siteId: 's2' }],
    ['unknown key', qr, { keys: [] }],
    ['signed by another key with the same kid', issuePass(grant, other), {}],
    ['tampered claims', `${head}.${claims.slice(0, -2)}${claims.slice(-2) === 'fQ' ? 'fX' : 'fQ'}.${sig}`, {}],
    ['wrong gate', qr, { gateId: 'g2' }],
    ['revoked', qr, { revoked: ['vp-1'] }],
    ['clock not synced', qr, { clockSynced: false }],
    ['not yet', qr, { nowMs: from - 1 }],
    ['at the end', qr, { nowMs: from + 3_600_000 }],
    ['used up', qr, { uses: 2 }]
  ]
  for (const [name, text, change] of cases) {
    const c = { ...base, ...change }
    const reference = verifyPass(text, { siteId: c.siteId, gateId: c.gateId, keys: c.keys, revoked: new Set(c.revoked), clockSynced: c.clockSynced, nowMs: c.nowMs, usesBefore: c.uses })
    const sim = verifyVisitorPass(text, { siteId: c.siteId, gateId: c.gateId, keys: c.keys, revokedPasses: c.revoked, clockSynced: c.clockSynced, nowMs: c.nowMs, usesBefore: () => c.uses })
    t.same(sim.ok ? 'ok' : (sim as { reason: string }).reason, reference.ok ? 'ok' : reference.reason, name)
  }
})
