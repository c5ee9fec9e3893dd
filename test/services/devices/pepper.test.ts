// The pepper file: generated once (mode 0600) on a fresh clone, read again on
// every later start, refused with a clear message when unusable.
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { loadPepper, PepperError } from '../../../services/devices/pepper.ts'
import { tempDir } from '../../helpers/stores.ts'

t.test('generated once with mode 0600, then reused', async t => {
  const dir = join(tempDir(t), 'data') // does not exist yet, as on a fresh clone
  const path = join(dir, 'device-secret-pepper')
  const first = loadPepper(path)
  t.equal(first.created, true)
  t.equal(statSync(path).mode & 0o777, 0o600, 'readable by this service only')
  t.equal(first.key.toString('utf8'), readFileSync(path, 'utf8').trim(), 'the key is what the file holds')
  t.equal(first.key.length, 43, '32 random bytes, base64url')
  t.equal(first.warning, undefined)
  const again = loadPepper(path)
  t.equal(again.created, false)
  t.same(again.key, first.key, 'same key after a restart')
  t.equal(again.id, first.id)
  t.same(readdirSync(dir), ['device-secret-pepper'], 'no temporary file left behind')
  t.not(loadPepper(join(dir, 'another')).id, first.id, 'another file, another key')
})

t.test('an operator-supplied file is used as it is; a loose mode is reported', async t => {
  const path = join(tempDir(t), 'pepper')
  writeFileSync(path, `  ${'k'.repeat(40)}\n`, { mode: 0o644 })
  chmodSync(path, 0o644)
  const pepper = loadPepper(path)
  t.equal(pepper.created, false)
  t.equal(pepper.key.toString('utf8'), 'k'.repeat(40), 'surrounding whitespace is not part of the key')
  t.match(pepper.warning, /mode 644.*chmod 600/)
})

t.test('a short or empty file is refused, and left alone', async t => {
  const path = join(tempDir(t), 'pepper')
  writeFileSync(path, 'too-short\n', { mode: 0o600 })
  t.throws(() => loadPepper(path), new PepperError(`device secret pepper in ${path} is too short (9 characters, at least 32); put a random string there or delete the file to have one generated (then rotate every device secret)`))
  writeFileSync(path, '', { mode: 0o600 })
  t.throws(() => loadPepper(path), PepperError)
  t.equal(readFileSync(path, 'utf8'), '', 'not replaced by a generated key')
})
