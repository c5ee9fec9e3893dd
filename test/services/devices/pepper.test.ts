// The pepper file: generated once (mode 0600) on a fresh clone, read again on
// every later start (devices provisioned before a restart still connect),
// refused with a clear message when unusable.
import { spawnSync } from 'node:child_process'
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pino } from 'pino'
import t from 'tap'
import { startBackend } from '../../../services/backend.ts'
import { testConfig } from '../../../services/config.ts'
import { loadPepper, PepperError } from '../../../services/devices/pepper.ts'
import { tryConnect } from '../../broker/helpers/guarded-broker.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
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

t.test('the backend creates the pepper on a fresh clone and reads the same one after a restart', async t => {
  const dir = tempDir(t)
  const config = testConfig({ MQTT_PORT: 0, MQTT_HOST: '127.0.0.1', HTTP_PORT: 0, HTTP_HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'kiosk.db'), DEVICE_SECRET_PEPPER_FILE: join(dir, 'data', 'device-secret-pepper') })
  const log = pino({ level: 'silent' })
  const first = await startBackend(config, log)
  const site = await aSite(first.store.db)
  const { device, secret } = await aKiosk(first.store.db, site.id, undefined, first.pepper)
  t.equal(first.pepper.created, true)
  t.equal(statSync(config.DEVICE_SECRET_PEPPER_FILE).mode & 0o777, 0o600)
  await first.close()
  const second = await startBackend(config, log)
  t.teardown(() => second.close())
  t.equal(second.pepper.created, false)
  t.same(second.pepper.key, first.pepper.key)
  t.equal(await tryConnect(second.mqttUrl, { clientId: device.id, username: device.id, password: secret }), 'connected', 'a device provisioned before the restart')
})

t.test('npm start with an unusable pepper file: a clear message, exit code 2, the file left alone', async t => {
  const dir = tempDir(t)
  const path = join(dir, 'pepper')
  writeFileSync(path, 'short\n', { mode: 0o600 })
  // only these variables: the test must not depend on the environment it runs in
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'services/main.ts'], {
    env: { MQTT_PORT: '0', HTTP_PORT: '0', MQTT_HOST: '127.0.0.1', HTTP_HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'kiosk.db'), DEVICE_SECRET_PEPPER_FILE: path, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 30_000
  })
  t.equal(run.status, 2)
  t.equal(run.stderr.trim(), `device secret pepper in ${path} is too short (5 characters, at least 32); put a random string there or delete the file to have one generated (then rotate every device secret)`)
  t.equal(readFileSync(path, 'utf8'), 'short\n')
})
