// Device secrets and staff tokens. Both are machine-generated and long (192
// and 256 random bits): guessing them is hopeless, so they need no slow KDF.
// A device secret is stored as HMAC-SHA256 keyed with the server's pepper
// (pepper.ts), as API-key stores do: one hash costs microseconds, so a fleet
// reconnecting at once costs no CPU-minutes, and a leaked devices table
// without the pepper file does not let anyone test guesses offline. Rows from
// earlier releases hold scrypt (scrypt-hash.ts); they still verify and the
// verifier replaces them (secret-verifier.ts). Staff tokens are found by their
// hash, so they get a plain SHA-256.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Pepper } from './pepper.ts'
import { isScryptHash, scryptVerify } from './scrypt-hash.ts'

const HMAC_SCHEME = 'hmac-sha256'

/** A new random secret, URL-safe, shown once to whoever provisions the device. */
export function generateSecret (): string {
  return randomBytes(24).toString('base64url')
}

function mac (pepper: Pepper, secret: string): Buffer {
  return createHmac('sha256', pepper.key).update(secret, 'utf8').digest()
}

/** `hmac-sha256$<pepper id>$<mac>`: the pepper id tells which key made it. */
export function hashDeviceSecret (pepper: Pepper, secret: string): string {
  return [HMAC_SCHEME, pepper.id, mac(pepper, secret).toString('base64url')].join('$')
}

/**
 * - `match`: the secret is right and the stored form is current;
 * - `legacy-match`: right, but stored as scrypt: replace it with hashDeviceSecret;
 * - `other-pepper`: an HMAC made with another pepper, so no secret can match
 *   (the pepper was lost or changed: the device needs a new secret);
 * - `mismatch`: wrong secret, or a stored value of no known form.
 */
export type SecretCheck = 'match' | 'legacy-match' | 'other-pepper' | 'mismatch'

export async function checkDeviceSecret (pepper: Pepper, secret: string, stored: string): Promise<SecretCheck> {
  if (isScryptHash(stored)) return await scryptVerify(secret, stored) ? 'legacy-match' : 'mismatch'
  const [scheme, pepperId, storedMac, ...rest] = stored.split('$')
  if (scheme !== HMAC_SCHEME || storedMac == null || rest.length > 0) return 'mismatch'
  if (pepperId !== pepper.id) return 'other-pepper'
  const expected = Buffer.from(storedMac, 'base64url')
  const actual = mac(pepper, secret)
  // compared in constant time; timingSafeEqual needs equal lengths, and a malformed row is simply no match
  return expected.length === actual.length && timingSafeEqual(actual, expected) ? 'match' : 'mismatch'
}

export function generateStaffToken (): string {
  return `stf_${randomBytes(32).toString('base64url')}`
}

export function hashStaffToken (token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
