// Visitor passes verified offline: every refusal with its own reason, key
// rotation with overlap, and a verifier written from docs/gate.md alone.
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import t from 'tap'
import { generateSiteKey, issuePass, verifyPass, type PassCheck, type PassGrant } from '../../../services/gate/visitor-pass.ts'

const oldKey = generateSiteKey('s1-2026a')
const newKey = generateSiteKey('s1-2026b')
const otherSiteKey = generateSiteKey('s2-2026a')
const from = Date.parse('2026-03-09T02:00:00Z')
const until = Date.parse('2026-03-09T10:00:00Z')

const grant = (over: Partial<PassGrant> = {}): PassGrant =>
  ({ site: 's1', passId: 'vp-0001', gates: ['gate-north', 'gate-east'], validFromMs: from, validUntilMs: until, maxUses: 2, ...over })
const check = (over: Partial<PassCheck> = {}): PassCheck =>
  ({ siteId: 's1', gateId: 'gate-north', keys: [oldKey.publicKey, newKey.publicKey], revoked: new Set(), clockSynced: true, nowMs: from + 60_000, usesBefore: 0, ...over })
const outcome = (qr: string, over: Partial<PassCheck> = {}) => {
  const v = verifyPass(qr, check(over))
  return v.ok ? 'OK' : v.reason
}

const valid = issuePass(grant(), newKey)
const [prefix, claimsPart, signaturePart] = valid.split('.') as [string, string, string]
const reclaim = (edit: (c: Record<string, unknown>) => void) => {
  const claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8')) as Record<string, unknown>
  edit(claims)
  return Buffer.from(JSON.stringify(claims)).toString('base64url')
}
/** Signs with a key that is not the site's but claims the site's kid. */
const impostor = generateKeyPairSync('ed25519').privateKey
const signedBy = (claims: string, key = impostor) => `VP1.${claims}.${sign(null, Buffer.from(`VP1.${claims}`), key).toString('base64url')}`

t.test('every outcome has its own reason', async t => {
  const cases: Array<[string, string, Partial<PassCheck>, string]> = [
    ['valid pass, first use', valid, {}, 'OK'],
    ['valid pass at its second gate', valid, { gateId: 'gate-east' }, 'OK'],
    ['second of two uses', valid, { usesBefore: 1 }, 'OK'],
    ['third of two uses', valid, { usesBefore: 2 }, 'EXHAUSTED'],
    ['at the first second of validity (inclusive)', valid, { nowMs: from }, 'OK'],
    ['1 ms before validity', valid, { nowMs: from - 1 }, 'NOT_YET_VALID'],
    ['1 ms before the end', valid, { nowMs: until - 1 }, 'OK'],
    ['at the end (exclusive)', valid, { nowMs: until }, 'EXPIRED'],
    ['revoked', valid, { revoked: new Set(['vp-0001']) }, 'REVOKED'],
    ['another pass revoked', valid, { revoked: new Set(['vp-0002']) }, 'OK'],
    ['a gate not on the pass', valid, { gateId: 'gate-south' }, 'WRONG_GATE'],
    ['a gate of another site', valid, { siteId: 's2', keys: [otherSiteKey.publicKey] }, 'WRONG_SITE'],
    ['a gate without its key', valid, { keys: [oldKey.publicKey] }, 'UNKNOWN_KEY'],
    ['a gate with an unsynced clock', valid, { clockSynced: false }, 'CLOCK_UNTRUSTED'],
    ['unsynced clock, even when the time looks right', valid, { clockSynced: false, nowMs: from + 1000 }, 'CLOCK_UNTRUSTED'],
    // forgeries
    ['claims changed (more uses), signature kept', `VP1.${reclaim(c => { c.uses = 99 })}.${signaturePart}`, {}, 'FORGED'],
    ['claims changed (another gate), signature kept', `VP1.${reclaim(c => { c.gates = ['gate-south'] })}.${signaturePart}`, { gateId: 'gate-south' }, 'FORGED'],
    ['signed by a stranger under the site\'s kid', signedBy(claimsPart), {}, 'FORGED'],
    ['signed by another site\'s key under this site\'s kid', signedBy(claimsPart, otherSiteKey.privateKey), {}, 'FORGED'],
    ['signature cut short', valid.slice(0, -2), {}, 'FORGED'],
    ['signature missing', `${prefix}.${claimsPart}`, {}, 'FORGED'],
    ['another format version', `VP2.${claimsPart}.${signaturePart}`, {}, 'FORGED'],
    ['claims not JSON', signedBy(Buffer.from('not json').toString('base64url')), {}, 'FORGED'],
    ['claims without uses', signedBy(reclaim(c => { delete c.uses })), {}, 'FORGED'],
    ['any other QR', 'https://example.com/menu', {}, 'FORGED'],
    ['empty', '', {}, 'FORGED'],
    // a pass of another site never opens this site's gate, whatever the gate holds
    ['another site\'s pass', issuePass(grant({ site: 's2' }), otherSiteKey), {}, 'WRONG_SITE'],
    ['another site\'s pass at a gate holding that key too', issuePass(grant({ site: 's2' }), otherSiteKey), { keys: [newKey.publicKey, otherSiteKey.publicKey] }, 'WRONG_SITE']
  ]
  for (const [name, qr, over, expected] of cases) t.equal(outcome(qr, over), expected, name)
})

t.test('the first failing check gives the reason', async t => {
  const cases: Array<[string, Partial<PassCheck>, string]> = [
    ['revoked and expired', { revoked: new Set(['vp-0001']), nowMs: until }, 'REVOKED'],
    ['wrong gate and exhausted', { gateId: 'gate-south', usesBefore: 5 }, 'WRONG_GATE'],
    ['unsynced and expired', { clockSynced: false, nowMs: until }, 'CLOCK_UNTRUSTED'],
    ['expired and exhausted', { nowMs: until, usesBefore: 5 }, 'EXPIRED']
  ]
  for (const [name, over, expected] of cases) t.equal(outcome(valid, over), expected, name)
})

t.test('key rotation with overlap', async t => {
  const byOld = issuePass(grant({ passId: 'vp-old' }), oldKey)
  const byNew = issuePass(grant({ passId: 'vp-new' }), newKey)
  const overlap = [oldKey.publicKey, newKey.publicKey]
  t.equal(outcome(byOld, { keys: [oldKey.publicKey] }), 'OK', 'before rotation: the old key verifies')
  t.equal(outcome(byNew, { keys: [oldKey.publicKey] }), 'UNKNOWN_KEY', 'before rotation: a gate not yet given the new key')
  t.equal(outcome(byOld, { keys: overlap }), 'OK', 'overlap: the old key still verifies')
  t.equal(outcome(byNew, { keys: overlap }), 'OK', 'overlap: the new key verifies')
  t.equal(outcome(byOld, { keys: [newKey.publicKey] }), 'UNKNOWN_KEY', 'old key retired')
  t.equal(outcome(byNew, { keys: [newKey.publicKey] }), 'OK', 'after retirement the new key verifies')
  t.equal(outcome(byNew, { keys: [{ kid: newKey.kid, publicKey: 'AAAA' }] }), 'UNKNOWN_KEY', 'a key of the wrong length in the gate\'s set is no key')
  t.equal(outcome(byNew, { keys: [{ kid: newKey.kid, publicKey: '_'.repeat(43) }] }), 'FORGED', 'a wrong key under the right kid verifies nothing')
})

t.test('bad grants are refused with a clear error', async t => {
  const cases: Array<[string, Partial<PassGrant>, RegExp]> = [
    ['until before from', { validUntilMs: from - 1000 }, /nbf must be before exp/],
    ['empty window', { validUntilMs: from }, /nbf must be before exp/],
    ['not whole seconds', { validFromMs: from + 1 }, /whole seconds/],
    ['no gates', { gates: [] }, /gates/],
    ['a gate twice', { gates: ['g1', 'g1'] }, /gates must be unique/],
    ['zero uses', { maxUses: 0 }, /uses/],
    ['pass id with a slash', { passId: 'a/b' }, /pass/]
  ]
  for (const [name, over, message] of cases) t.throws(() => issuePass(grant(over), newKey), { name: 'VisitorPassError', message }, name)
})

t.test('a verifier written from docs/gate.md alone accepts a valid pass', async t => {
  // docs/gate.md: "VP1." + base64url(claims JSON) + "." + base64url(Ed25519 signature over the
  // ASCII of "VP1.<claims>"); public keys are raw 32 bytes, base64url; nbf/exp are Unix seconds.
  const qr = issuePass(grant({ gates: ['gate-north'], maxUses: 3 }), newKey)
  const parts = qr.split('.')
  t.equal(parts.length, 3)
  t.equal(parts[0], 'VP1')
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: newKey.publicKey.publicKey }, format: 'jwk' })
  t.ok(verify(null, Buffer.from(`VP1.${parts[1]}`, 'ascii'), publicKey, Buffer.from(parts[2] ?? '', 'base64url')), 'signature verifies')
  const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'))
  t.same(claims, { v: 1, kid: 's1-2026b', site: 's1', pass: 'vp-0001', gates: ['gate-north'], nbf: from / 1000, exp: until / 1000, uses: 3 })
  t.ok(qr.length < 300, `${qr.length} characters: a small QR code`)
})
