// Serving the built staff pages at `/` (services/http/web-app.ts) beside the
// API, with the API's security headers; without a build, the API alone.
import t from 'tap'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildApp } from '../../../services/http/app.ts'
import { testConfig } from '../../../services/config.ts'
import { createLogger } from '../../../services/logger.ts'
import { capturedLog } from '../../helpers/captured-log.ts'
import { openSqliteTestStore, tempDir } from '../../helpers/stores.ts'

t.test('a build is served at / with no-cache HTML, immutable assets and the CSP', async t => {
  const dist = tempDir(t)
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>staff</title><script type="module" src="/assets/app-1234.js"></script>')
  writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)')
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  const store = await openSqliteTestStore(t)
  const app = await buildApp({ db: store.db, log: createLogger({ LOG_LEVEL: 'silent' }, false), config: testConfig(), webDistDir: dist })
  t.teardown(() => app.close())
  const index = await app.inject({ method: 'GET', url: '/' })
  t.equal(index.statusCode, 200)
  t.match(index.headers['content-type'], /^text\/html/)
  t.equal(index.headers['cache-control'], 'no-cache')
  t.match(index.headers['content-security-policy'], /script-src 'self'/)
  t.match(index.body, /<title>staff<\/title>/)
  const asset = await app.inject({ method: 'GET', url: '/assets/app-1234.js' })
  t.equal(asset.statusCode, 200)
  t.match(asset.headers['cache-control'], /immutable/)
  const favicon = await app.inject({ method: 'GET', url: '/favicon.svg' })
  t.equal(favicon.statusCode, 200)
  t.equal(favicon.headers['cache-control'], 'no-cache', 'a file without a content hash in its name is not cached for good')
  const missing = await app.inject({ method: 'GET', url: '/assets/nope.js' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error.code, 'NOT_FOUND', 'the one JSON 404 body')
  t.equal((await app.inject({ method: 'GET', url: '/api/me' })).statusCode, 401, 'the API still needs authentication')
  t.equal((await app.inject({ method: 'GET', url: '/api/nope' })).json().error.code, 'NOT_FOUND')
})

t.test('no build: the API alone, and a log line saying so', async t => {
  const store = await openSqliteTestStore(t)
  const { log, records } = capturedLog()
  const app = await buildApp({ db: store.db, log, config: testConfig(), webDistDir: join(tempDir(t), 'dist') })
  t.teardown(() => app.close())
  t.equal((await app.inject({ method: 'GET', url: '/' })).statusCode, 404)
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
  t.ok(records().some(r => /staff web app not built/.test(String(r.msg))), 'warned')
})
