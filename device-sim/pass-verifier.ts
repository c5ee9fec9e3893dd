// A visitor-pass verifier written from docs/protocol.md ("Visitor passes")
// alone, as a gate maker would write it: it does not use the backend's code
// (services/gate/visitor-pass.ts), so the simulator checks that the document
// is enough. Node's crypto stands in for the gate's Ed25519 library.
import { createPublicKey, verify } from 'node:crypto'

export interface GateKey { kid: string, publicKey: string }

export interface PassContext {
  siteId: string
  gateId: string
  keys: readonly GateKey[]
  revokedPasses: readonly string[]
  clockSynced: boolean
  nowMs: number
  /** Uses this gate counted for the pass. */
  usesBefore: (passId: string) => number
}

export type PassVerdict = { ok: true, passId: string } | { ok: false, reason: string }

interface Claims { v: 1, kid: string, site: string, pass: string, gates: string[], nbf: number, exp: number, uses: number }

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x)
const isText = (x: unknown): x is string => typeof x === 'string' && x.length > 0

/** "claims: base64url … of UTF-8 JSON: v (1), kid, site, pass, gates, nbf and exp (Unix seconds), uses (1–1000)". */
function readClaims (encoded: string): Claims | null {
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  const c = json as Record<string, unknown> | null
  if (c == null || typeof c !== 'object') return null
  const gates = c.gates
  if (c.v !== 1 || !isText(c.kid) || !isText(c.site) || !isText(c.pass) || !Array.isArray(gates) || gates.length === 0 || !gates.every(isText)) return null
  if (!isInt(c.nbf) || !isInt(c.exp) || !isInt(c.uses) || c.uses < 1 || c.uses > 1000) return null
  return c as unknown as Claims
}

function signatureVerifies (signed: string, signature: string, publicKey: string): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' })
    return verify(null, Buffer.from(signed, 'ascii'), key, Buffer.from(signature, 'base64url'))
  } catch {
    return false // a key that is not an Ed25519 point verifies nothing
  }
}

export function verifyVisitorPass (qr: string, ctx: PassContext): PassVerdict {
  const deny = (reason: string): PassVerdict => ({ ok: false, reason })
  // "not VP1.+base64url+.+86 base64url characters, or the claims are not JSON of that shape → FORGED"
  const match = /^VP1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{86})$/.exec(qr)
  const claims = match?.[1] == null ? null : readClaims(match[1])
  if (match == null || claims == null) return deny('FORGED')
  if (claims.site !== ctx.siteId) return deny('WRONG_SITE')
  const key = ctx.keys.find(k => k.kid === claims.kid)
  if (key == null) return deny('UNKNOWN_KEY')
  // "signature: base64url of the 64-byte Ed25519 signature over the ASCII bytes of VP1.<claims>"
  if (!signatureVerifies(`VP1.${match[1] ?? ''}`, match[2] ?? '', key.publicKey)) return deny('FORGED')
  if (!claims.gates.includes(ctx.gateId)) return deny('WRONG_GATE')
  if (ctx.revokedPasses.includes(claims.pass)) return deny('REVOKED')
  if (!ctx.clockSynced) return deny('CLOCK_UNTRUSTED')
  if (ctx.nowMs < claims.nbf * 1000) return deny('NOT_YET_VALID')
  if (ctx.nowMs >= claims.exp * 1000) return deny('EXPIRED')
  if (ctx.usesBefore(claims.pass) >= claims.uses) return deny('EXHAUSTED')
  return { ok: true, passId: claims.pass }
}
