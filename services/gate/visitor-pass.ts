// Visitor passes: a QR string a gate verifies offline. Format (docs/gate.md):
//   VP1.<claims>.<signature>
// claims: base64url (no padding) of UTF-8 JSON {v, kid, site, pass, gates,
// nbf, exp, uses} (schemas/gate.ts); signature: base64url of the 64-byte
// Ed25519 signature over the ASCII bytes "VP1.<claims>", under the site key
// named by kid. A gate holds the site's public keys (allow-list passKeys);
// rotation: a new key is added while the old one still verifies the passes
// it signed, and the old one is retired (removed) once they have expired.
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { visitorPassClaimsSchema, type PassKey, type VisitorPassClaims } from '../../schemas/gate.ts'

const PREFIX = 'VP1'

export interface SiteSigningKey {
  kid: string
  privateKey: KeyObject
  /** What gates receive: raw 32 bytes, base64url. */
  publicKey: PassKey
}

export function generateSiteKey (kid: string): SiteSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const x = publicKey.export({ format: 'jwk' }).x
  if (x == null) throw new Error('Ed25519 public key without x')
  return { kid, privateKey, publicKey: { kid, publicKey: x } }
}

export interface PassGrant {
  site: string
  passId: string
  gates: readonly string[]
  /** Whole seconds: the QR carries Unix seconds. From inclusive, until exclusive. */
  validFromMs: number
  validUntilMs: number
  maxUses: number
}

export class VisitorPassError extends Error {
  override name = 'VisitorPassError'
}

export function issuePass (grant: PassGrant, key: SiteSigningKey): string {
  if (grant.validFromMs % 1000 !== 0 || grant.validUntilMs % 1000 !== 0) throw new VisitorPassError('validFromMs and validUntilMs must be whole seconds')
  const parsed = visitorPassClaimsSchema.safeParse({
    v: 1, kid: key.kid, site: grant.site, pass: grant.passId, gates: grant.gates, nbf: grant.validFromMs / 1000, exp: grant.validUntilMs / 1000, uses: grant.maxUses
  })
  if (!parsed.success) throw new VisitorPassError(`invalid pass: ${parsed.error.issues.map(i => `${i.path.join('.') || 'pass'}: ${i.message}`).join('; ')}`)
  const signingInput = `${PREFIX}.${Buffer.from(JSON.stringify(parsed.data), 'utf8').toString('base64url')}`
  return `${signingInput}.${sign(null, Buffer.from(signingInput, 'ascii'), key.privateKey).toString('base64url')}`
}

export type PassRefusal = 'FORGED' | 'WRONG_SITE' | 'UNKNOWN_KEY' | 'WRONG_GATE' | 'REVOKED' | 'CLOCK_UNTRUSTED' | 'NOT_YET_VALID' | 'EXPIRED' | 'EXHAUSTED'

export interface PassCheck {
  siteId: string
  gateId: string
  /** The site's public keys the gate holds; a retired key is simply absent. */
  keys: readonly PassKey[]
  revoked: ReadonlySet<string>
  /** Whether the backend has synced the gate's clock; without it no time-bound credential opens. */
  clockSynced: boolean
  nowMs: number
  /** Uses counted so far (by the gate offline, centrally online). */
  usesBefore: number
}

export type PassVerdict = { ok: true, claims: VisitorPassClaims } | { ok: false, reason: PassRefusal }

const refuse = (reason: PassRefusal): PassVerdict => ({ ok: false, reason })
const FORMAT = /^VP1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{86})$/

function readClaims (encoded: string): VisitorPassClaims | null {
  try {
    const parsed = visitorPassClaimsSchema.safeParse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function publicKeyOf (key: PassKey): KeyObject | null {
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' })
  } catch {
    return null
  }
}

/**
 * The claims as written in the QR, signature NOT checked: only to find the
 * pass's row (uses, revocation) and to log which pass was shown. Never a
 * reason to open.
 */
export function unverifiedClaims (qr: string): VisitorPassClaims | null {
  const encoded = FORMAT.exec(qr)?.[1]
  return encoded == null ? null : readClaims(encoded)
}

/**
 * Checks in this order; the first failure is the reason. Site and key id are
 * read before the signature is checked: an unverified claim may only ever
 * deny, and "wrong site" tells a visitor more than "unknown key".
 */
export function verifyPass (qr: string, check: PassCheck): PassVerdict {
  const parts = FORMAT.exec(qr)
  const claims = parts?.[1] == null ? null : readClaims(parts[1])
  if (parts?.[1] == null || parts[2] == null || claims == null) return refuse('FORGED')
  if (claims.site !== check.siteId) return refuse('WRONG_SITE')
  const known = check.keys.find(k => k.kid === claims.kid)
  const publicKey = known == null ? null : publicKeyOf(known)
  if (publicKey == null) return refuse('UNKNOWN_KEY')
  if (!verify(null, Buffer.from(`${PREFIX}.${parts[1]}`, 'ascii'), publicKey, Buffer.from(parts[2], 'base64url'))) return refuse('FORGED')
  if (!claims.gates.includes(check.gateId)) return refuse('WRONG_GATE')
  if (check.revoked.has(claims.pass)) return refuse('REVOKED')
  if (!check.clockSynced) return refuse('CLOCK_UNTRUSTED')
  if (check.nowMs < claims.nbf * 1000) return refuse('NOT_YET_VALID')
  if (check.nowMs >= claims.exp * 1000) return refuse('EXPIRED')
  if (check.usesBefore >= claims.uses) return refuse('EXHAUSTED')
  return { ok: true, claims }
}
