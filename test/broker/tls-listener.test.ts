// MQTT over TLS and HTTPS with a throwaway PKI made by openssl: the TLS
// listener is composed with the real backend (broker, store, ingest, HTTP)
// the way broker/mqtt-broker.ts and services/backend.ts wire it.
import t from 'tap'
import mqtt, { type IClientOptions } from 'mqtt'
import { request } from 'node:https'
import { createConnection } from 'node:net'
import { createTlsListener, withClientCertificates, type CertificateAuthFailure } from '../../broker/tls-listener.ts'
import { findDevice } from '../../services/devices/device-registry.ts'
import { listenHttps } from '../../services/http/https-server.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { tempDir } from '../helpers/stores.ts'
import { makeTestPki } from '../helpers/test-pki.ts'

t.test('MQTT over TLS: secrets, client certificates, no plain MQTT', async t => {
  const pki = makeTestPki(tempDir(t, 'kiosk-pki-'))
  const backend = await startTestBackend(t)
  const { db } = backend.store
  const { aedes } = backend.broker
  const failures: CertificateAuthFailure[] = []
  aedes.authenticate = withClientCertificates(aedes.authenticate, async id => (await findDevice(db, id))?.status, f => failures.push(f))
  const tls = createTlsListener(aedes, { cert: pki.cert, key: pki.key, ca: pki.ca }, { log: backend.log })
  const port = await tls.listen(0, '127.0.0.1')
  t.teardown(() => tls.close())
  const url = `mqtts://127.0.0.1:${port}`

  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const other = await aKiosk(db, site.id)
  const { card } = await aHouseholdWithCard(db, site.id)
  const base: IClientOptions = { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 3000, ca: pki.ca, rejectUnauthorized: true }
  const connect = async (opts: IClientOptions, to = url) => {
    const client = await mqtt.connectAsync(to, { ...base, ...opts })
    t.teardown(() => client.endAsync(true))
    return client
  }
  const refusal = async (opts: IClientOptions, to = url) => {
    try {
      const client = await mqtt.connectAsync(to, { ...base, ...opts }, false)
      await client.endAsync(true)
      return 'connected'
    } catch (err) {
      return (err as { code?: number | string }).code ?? (err as Error).message
    }
  }

  await t.test('a device connects with its secret over TLS, and the kiosk flow works', async t => {
    const client = await connect({ clientId: device.id, username: device.id, password: secret })
    await client.subscribeAsync(`devices/${device.id}/commands`, { qos: 1 })
    const open = new Promise<Record<string, unknown>>(resolve => client.on('message', (_topic, payload) => resolve(JSON.parse(payload.toString()) as Record<string, unknown>)))
    await client.publishAsync(`devices/${device.id}/events/swipe`, JSON.stringify({ eventId: 'tls-s1', ts: Date.now(), card: card.uid }), { qos: 1 })
    t.match(await open, { type: 'open', swipeEventId: 'tls-s1' }, 'swipe acked and answered over TLS')
    t.equal(await refusal({ clientId: device.id, username: device.id, password: 'wrong' }), 4, 'a wrong secret is still refused')
  })

  await t.test('a plain MQTT client cannot speak to the TLS port', async t => {
    const before = aedes.connectedClients
    // an honest MQTT 3.1.1 CONNECT in clear text, as a client configured with mqtt:// would send it
    const connectPacket = mqttConnectPacket(device.id, secret)
    const socket = createConnection({ host: '127.0.0.1', port })
    const received: Buffer[] = []
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    socket.on('error', () => {})
    await new Promise<void>(resolve => socket.once('connect', () => resolve()))
    socket.write(connectPacket)
    await new Promise<void>(resolve => socket.once('close', () => resolve()))
    const reply = Buffer.concat(received)
    t.notOk(reply.length > 0 && reply[0] === 0x20, 'no CONNACK: the TLS server closed the connection')
    t.equal(aedes.connectedClients, before, 'nothing reached the broker')
  })

  await t.test('a client certificate with CN = device id connects without a password', async t => {
    const id = pki.clientCert(device.id)
    const client = await connect({ clientId: device.id, ...id })
    t.ok(client.connected)
    await client.publishAsync(`devices/${device.id}/status`, JSON.stringify({ online: true }), { qos: 1 })
    await client.endAsync()
    const withUsername = await connect({ clientId: device.id, username: device.id, ...id })
    t.ok(withUsername.connected, 'a username equal to the CN is fine too')
    await withUsername.endAsync()
  })

  await t.test('a certificate for another device, or an untrusted one, is refused', async t => {
    const otherCert = pki.clientCert(other.device.id)
    t.equal(await refusal({ clientId: device.id, ...otherCert }), 5, 'CN ≠ client id: CONNACK 5')
    t.equal(await refusal({ clientId: device.id, username: device.id, password: secret, ...otherCert }), 5, 'not even with the right secret: the certificate names someone else')
    t.match(failures.at(-1), { clientId: device.id, certificateId: other.device.id, reason: 'certificate-mismatch' })
    const rogue = pki.rogueCert(device.id)
    t.equal(await refusal({ clientId: device.id, ...rogue }), 4, 'a self-signed certificate proves nothing: the secret is required')
    t.equal(await refusal({ clientId: '', ...pki.clientCert(device.id) }), 5, 'an empty client id is refused')
    const unknown = pki.clientCert('no-such-device')
    t.equal(await refusal({ clientId: 'no-such-device', ...unknown }), 4, 'a certificate for an unknown device: CONNACK 4')
  })

  await t.test('a disabled device is refused even with a valid certificate', async t => {
    const id = pki.clientCert(other.device.id)
    t.equal(await refusal({ clientId: other.device.id, ...id }), 'connected')
    await db.updateTable('devices').set({ status: 'disabled' }).where('id', '=', other.device.id).execute()
    t.equal(await refusal({ clientId: other.device.id, ...id }), 5)
  })
})

t.test('HTTPS serves /health and the API', async t => {
  const pki = makeTestPki(tempDir(t, 'kiosk-pki-'))
  const backend = await startTestBackend(t)
  const https = await listenHttps(backend.http, { cert: pki.cert, key: pki.key }, 0, '127.0.0.1')
  t.teardown(() => https.close())
  const get = (path: string) => new Promise<{ status: number, headers: Record<string, unknown>, body: string }>((resolve, reject) => {
    request({ host: '127.0.0.1', port: https.port, path, ca: pki.ca, method: 'GET' }, res => {
      let body = ''
      res.on('data', (chunk: Buffer) => { body += chunk.toString() })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    }).on('error', reject).end()
  })
  const health = await get('/health')
  t.equal(health.status, 200)
  t.match(JSON.parse(health.body), { status: 'ok' })
  t.equal(health.headers['x-content-type-options'], 'nosniff')
  const me = await get('/api/me')
  t.equal(me.status, 401, 'the API behind HTTPS still needs a token')
  await t.rejects(new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: https.port, path: '/health', method: 'GET' }, resolve).on('error', reject).end()
  }), /self-signed|unable to verify|self signed/i, 'a client that does not trust the CA refuses the server')
})

/** A minimal MQTT 3.1.1 CONNECT packet (clean session, username and password). */
function mqttConnectPacket (clientId: string, password: string): Buffer {
  const str = (v: string) => { const b = Buffer.from(v); return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]) }
  const body = Buffer.concat([str('MQTT'), Buffer.from([4, 0xc2, 0, 30]), str(clientId), str(clientId), str(password)])
  return Buffer.concat([Buffer.from([0x10, body.length]), body])
}
