// runFleet against a real aedes broker and the test's stand-in for the backend.
import t from 'tap'
import { runFleet, type FleetProgress } from '../../device-sim/fleet.ts'
import { startTestBroker } from './helpers/test-broker.ts'
import { startStandInBackend } from './helpers/stand-in-backend.ts'

const kiosks = [1, 2, 3].map(i => ({ deviceId: `fleet-k${i}`, secret: `secret-${i}` }))
const secrets = Object.fromEntries(kiosks.map(k => [k.deviceId, k.secret]))
const cards = Array.from({ length: 10 }, (_, i) => `CARD${String(i).padStart(4, '0')}`)

t.test('a bounded run: every visit accounted for, points match the backend, all connections closed', async t => {
  const broker = await startTestBroker(t, secrets)
  const backend = startStandInBackend(broker, { denyCards: ['CARD0009'] })
  const progress: FleetProgress[] = []
  const summary = await runFleet({
    mqttUrl: broker.url, kiosks, cards, visits: 30, ratePerS: 100, seed: 3,
    badRate: 0.3, offlineRate: 0.1, offlineMs: { min: 50, max: 150 },
    heartbeatS: 0, progressEveryMs: 100, onProgress: p => progress.push(p)
  })
  t.equal(summary.visits, 30)
  t.equal(summary.deposited + summary.denied + summary.timeouts + summary.offline + summary.rejected + summary.visitErrors, 30, 'every visit has an outcome')
  t.ok(summary.denied > 0, 'the blocked card was denied')
  t.equal(summary.timeouts, 0)
  t.equal(summary.depositsAcked, summary.depositsSent)
  t.equal(summary.deposited, summary.depositsSent)
  t.equal(summary.pointsCredited, backend.pointsCredited, 'points credited = what the stand-in displayed')
  t.ok(summary.badPayloadsInjected > 0)
  const expectedErrors = backend.errorsSent.length
  t.equal(summary.errorRepliesReceived, expectedErrors, 'every error reply was received')
  t.equal(summary.unsentEvents, 0)
  t.equal(summary.commandAcksSent, summary.commandsReceived, 'every command acked')
  t.ok(summary.latencyMs.open.count > 0)
  t.ok(progress.length > 0, 'progress reported')
  t.equal(broker.aedes.connectedClients, 0, 'all kiosks disconnected')
})

t.test('a run bounded by time stops by itself', async t => {
  const broker = await startTestBroker(t, secrets)
  const backend = startStandInBackend(broker)
  // At 2/s the first visit starts at once and the second is due at 500 ms, after the 300 ms
  // this run lasts: exactly one visit however slow the machine (a stall only ends it sooner).
  const summary = await runFleet({ mqttUrl: broker.url, kiosks, cards, durationMs: 300, ratePerS: 2, heartbeatS: 0, settleMs: 0 })
  t.equal(summary.visits, 1, 'one visit: the one due at the start')
  t.equal(summary.deposited, 1, 'and it completed')
  t.equal(summary.pointsCredited, backend.pointsCredited)
  t.ok(summary.elapsedMs >= 300, `it stopped because its time was up (${summary.elapsedMs} ms), not for want of visits`)
  t.equal(broker.aedes.connectedClients, 0, 'all kiosks disconnected')
})

t.test('fails clearly when the broker refuses', async t => {
  const broker = await startTestBroker(t, {})
  await t.rejects(runFleet({ mqttUrl: broker.url, kiosks, cards, visits: 1, heartbeatS: 0 }), /cannot connect kiosks/)
  t.equal(broker.aedes.connectedClients, 0)
})
