// TLS from the configuration: TLS_CERT_PATH/TLS_KEY_PATH/TLS_CA_PATH turn on
// MQTT over TLS and HTTPS in startBackend; a device certificate (CN = device
// id, signed by the CA) logs in without a secret. Certificates are made with
// openssl at test time (test/helpers/test-pki.ts).
import { request } from 'node:https'
import t from 'tap'
import mqtt from 'mqtt'
import { aKiosk, aSite } from '../fixtures/builders.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { tempDir } from '../helpers/stores.ts'
import { makeTestPki } from '../helpers/test-pki.ts'

t.test('configured TLS: mqtts with a secret or a client certificate, and HTTPS', async t => {
  const pki = makeTestPki(tempDir(t, 'kiosk-pki-'))
  const backend = await startTestBackend(t, { TLS_CERT_PATH: pki.certPath, TLS_KEY_PATH: pki.keyPath, TLS_CA_PATH: pki.caPath, MQTT_TLS_PORT: 0 })
  t.match(backend.mqttTlsUrl, /^mqtts:\/\/127\.0\.0\.1:\d+$/)
  t.match(backend.httpUrl, /^https:/)
  const site = await aSite(backend.store.db)
  const { device, secret } = await aKiosk(backend.store.db, site.id)
  const base = { protocolVersion: 4 as const, reconnectPeriod: 0, connectTimeout: 3000, ca: pki.ca, rejectUnauthorized: true }

  const withSecret = await mqtt.connectAsync(backend.mqttTlsUrl ?? '', { ...base, clientId: device.id, username: device.id, password: secret })
  t.ok(withSecret.connected, 'secret over TLS')
  await withSecret.endAsync()

  const { cert, key } = pki.clientCert(device.id)
  const withCert = await mqtt.connectAsync(backend.mqttTlsUrl ?? '', { ...base, clientId: device.id, cert, key })
  t.ok(withCert.connected, 'client certificate, no password')
  await withCert.endAsync()

  const status = await new Promise<number>((resolve, reject) => {
    request(`${backend.httpUrl}/health`, { ca: pki.ca }, res => { res.resume(); resolve(res.statusCode ?? 0) }).on('error', reject).end()
  })
  t.equal(status, 200, 'HTTPS serves /health')
})
