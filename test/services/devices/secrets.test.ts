// checkDeviceSecret, table-driven: every stored form and every malformed one
// gives a definite answer (a row of no known form is simply no match).
import { join } from 'node:path'
import t from 'tap'
import { loadPepper } from '../../../services/devices/pepper.ts'
import { scryptHash } from '../../../services/devices/scrypt-hash.ts'
import { checkDeviceSecret, generateSecret, hashDeviceSecret } from '../../../services/devices/secrets.ts'
import { tempDir } from '../../helpers/stores.ts'

t.test('stored forms', async t => {
  const dir = tempDir(t)
  const pepper = loadPepper(join(dir, 'pepper'))
  const other = loadPepper(join(dir, 'other'))
  const secret = generateSecret()
  const hmac = hashDeviceSecret(pepper, secret)
  const [scheme, id, mac] = hmac.split('$') as [string, string, string]
  t.equal(scheme, 'hmac-sha256')
  t.equal(id, pepper.id)
  t.equal(Buffer.from(mac, 'base64url').length, 32, 'a full SHA-256 MAC')
  t.equal(hashDeviceSecret(pepper, secret), hmac, 'deterministic: the same secret and pepper give the same row')
  const cases: Array<[string, string, string, string]> = [
    ['the HMAC row, right secret', secret, hmac, 'match'],
    ['the HMAC row, wrong secret', generateSecret(), hmac, 'mismatch'],
    ['the HMAC row, empty secret', '', hmac, 'mismatch'],
    ['an HMAC row made with another pepper', secret, hashDeviceSecret(other, secret), 'other-pepper'],
    ['a scrypt row, right secret', secret, await scryptHash(secret), 'legacy-match'],
    ['a scrypt row, wrong secret', 'nope', await scryptHash(secret), 'mismatch'],
    ['a truncated MAC', secret, hmac.slice(0, -4), 'mismatch'],
    ['an empty MAC', secret, `hmac-sha256$${pepper.id}$`, 'mismatch'],
    ['an extra field', secret, `${hmac}$x`, 'mismatch'],
    ['an unknown scheme', secret, `sha1$${pepper.id}$${mac}`, 'mismatch'],
    ['a scrypt row without its hash', secret, 'scrypt$16384$8$1$c2FsdA', 'mismatch'],
    ['an empty row', secret, '', 'mismatch'],
    ['plain text', secret, secret, 'mismatch']
  ]
  for (const [name, given, stored, expected] of cases) t.equal(await checkDeviceSecret(pepper, given, stored), expected, name)
})
