// What the API accepts as a request body: JSON only (other media types get
// 415 and change nothing), up to HTTP_BODY_LIMIT_BYTES (then 413).
import t from 'tap'
import { errorCode, harness } from './harness.ts'

t.test('a text/plain body is refused with 415 UNSUPPORTED_MEDIA_TYPE and creates nothing', async t => {
  const h = await harness(t)
  const before = (await h.admin.call('GET', '/api/sites')).json() as { sites: unknown[] }
  for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded']) {
    const res = await h.admin.call('POST', '/api/sites', JSON.stringify({ name: 'Plain Court' }), { 'content-type': type })
    t.equal(res.statusCode, 415, type)
    t.equal(errorCode(res), 'UNSUPPORTED_MEDIA_TYPE', type)
  }
  const after = (await h.admin.call('GET', '/api/sites')).json() as { sites: unknown[] }
  t.equal(after.sites.length, before.sites.length, 'no site was created')
  const json = await h.admin.call('POST', '/api/sites', JSON.stringify({ name: 'Json Court' }), { 'content-type': 'application/json; charset=utf-8' })
  t.equal(json.statusCode, 201, 'the same body as JSON is accepted')
})

t.test('HTTP_BODY_LIMIT_BYTES is the body limit', async t => {
  const h = await harness(t, { config: { HTTP_BODY_LIMIT_BYTES: 2048 } })
  const body = (padBytes: number) => JSON.stringify({ name: 'Limit Court', pad: 'x'.repeat(padBytes) })
  const over = await h.admin.call('POST', '/api/sites', body(2048), { 'content-type': 'application/json' })
  t.equal(over.statusCode, 413)
  t.equal(errorCode(over), 'PAYLOAD_TOO_LARGE')
  // under the limit it reaches validation (the unknown field is stripped, the site is created)
  const under = await h.admin.call('POST', '/api/sites', body(1500), { 'content-type': 'application/json' })
  t.equal(under.statusCode, 201)
})
