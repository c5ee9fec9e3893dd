// Device secrets and staff tokens. Device secrets are hashed with scrypt (a
// slow KDF, so a leaked table does not give device access); staff tokens are
// 256-bit random strings, for which one SHA-256 is enough to find them by hash.
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 }

function scrypt (secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(secret, salt, keyLength, options, (err, key) => err != null ? reject(err) : resolve(key)))
}

/** A new random secret, URL-safe, shown once to whoever provisions the device. */
export function generateSecret (): string {
  return randomBytes(24).toString('base64url')
}

/** `scrypt$N$r$p$salt$hash`, all parameters kept so they can change later. */
export async function hashSecret (secret: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(secret, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p })
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifySecret (secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || salt == null || hash == null) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return timingSafeEqual(key, expected)
}

export function generateStaffToken (): string {
  return `stf_${randomBytes(32).toString('base64url')}`
}

export function hashStaffToken (token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
