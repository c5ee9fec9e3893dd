import t from 'tap'
import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fleetDescriptionSchema } from '../../device-sim/fleet-description.ts'
import { createHttpProvisioner, provisionFleet, type Provisioner } from '../../device-sim/provision.ts'

t.test('provisionFleet through any Provisioner (here: in memory)', async t => {
  const calls: string[] = []
  const memory: Provisioner = {
    createSite: async name => { calls.push(`site ${name}`); return { id: 'site1' } },
    createKiosk: async (siteId, deviceId) => { calls.push(`kiosk ${siteId} ${deviceId}`); return { deviceId, secret: `secret-of-${deviceId}` } },
    createHousehold: async (_siteId, label) => ({ id: `hh-${label.split(' ').pop()}` }),
    addCard: async (_householdId, uid) => ({ uid })
  }
  const fleet = await provisionFleet(memory, { mqttUrl: 'mqtt://x:1883', kiosks: 3, residents: 12, prefix: 'run1' })
  t.ok(fleetDescriptionSchema.safeParse(fleet).success, 'a valid fleet description')
  t.same(fleet.kiosks.map(k => k.deviceId), ['run1-kiosk-001', 'run1-kiosk-002', 'run1-kiosk-003'])
  t.equal(fleet.cards.length, 12)
  t.equal(fleet.cards[11], 'run1-card-012')
  t.equal(new Set(fleet.cards).size, 12)
  t.equal(fleet.siteId, 'site1')
  t.equal(calls[0], 'site Simulated compound run1')
})

t.test('the HTTP provisioner speaks the API: paths, bearer token, bodies, coded errors', async t => {
  const seen: Array<{ method?: string, url?: string, auth?: string, body: unknown }> = []
  let failCards = false
  const server = createServer(async (req: IncomingMessage, res) => {
    let text = ''
    for await (const chunk of req) text += chunk
    const body = JSON.parse(text)
    seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body })
    const reply = (status: number, json: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(json)) }
    if (req.url === '/api/sites') return reply(201, { id: 'site9', name: body.name })
    if (req.url === '/api/sites/site9/devices') return reply(201, { device: { id: body.id, kind: 'kiosk', siteId: 'site9' }, secret: 'sekrit' })
    if (req.url === '/api/sites/site9/households') return reply(201, { id: 'hh1', label: body.label })
    if (req.url === '/api/households/hh1/cards') return failCards ? reply(409, { error: { code: 'CONFLICT', message: 'card exists' } }) : reply(201, { uid: body.uid, householdId: 'hh1' })
    reply(404, { error: { code: 'NOT_FOUND', message: 'no route' } })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => server.close())
  const httpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const http = createHttpProvisioner({ httpUrl, token: 'adm1n' })

  const fleet = await provisionFleet(http, { mqttUrl: 'mqtt://127.0.0.1:1883', kiosks: 1, residents: 1, prefix: 'p' })
  t.same(fleet, { mqttUrl: 'mqtt://127.0.0.1:1883', siteId: 'site9', kiosks: [{ deviceId: 'p-kiosk-001', secret: 'sekrit' }], cards: ['p-card-001'] })
  t.same(seen.map(s => [s.method, s.url, s.auth]), [
    ['POST', '/api/sites', 'Bearer adm1n'],
    ['POST', '/api/sites/site9/devices', 'Bearer adm1n'],
    ['POST', '/api/sites/site9/households', 'Bearer adm1n'],
    ['POST', '/api/households/hh1/cards', 'Bearer adm1n']
  ])
  t.same(seen[1]!.body, { id: 'p-kiosk-001', kind: 'kiosk' })

  failCards = true
  await t.rejects(http.addCard('hh1', 'p-card-001'), { name: 'ProvisioningError', status: 409, code: 'CONFLICT', message: /CONFLICT: card exists/ })
  await t.rejects(createHttpProvisioner({ httpUrl: 'http://127.0.0.1:1', token: 'x' }).createSite('x'), { code: 'UNREACHABLE' })
})
