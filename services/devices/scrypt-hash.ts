// scrypt, the slow KDF: for secrets a person chooses (passwords), where a
// leaked table must not make guessing cheap. Device secrets no longer use it
// (see secrets.ts); rows written by earlier releases still hold this form
// until the device's next successful connect replaces it.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 }

function scrypt (secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(secret, salt, keyLength, options, (err, key) => err != null ? reject(err) : resolve(key)))
}

export const isScryptHash = (stored: string) => stored.startsWith('scrypt$')

/** `scrypt$N$r$p$salt$hash`, all parameters kept so they can change later. */
export async function scryptHash (secret: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(secret, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p })
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function scryptVerify (secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || salt == null || hash == null) return false
  const expected = Buffer.from(hash, 'base64url')
  if (expected.length === 0) return false
  const key = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return timingSafeEqual(key, expected)
}
