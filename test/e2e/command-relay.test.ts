// Commands reach a device wherever it is connected, on both stores: two
// backend nodes (each its own broker, HTTP server and store connections) share
// one store; the gate is connected to node B only. A remote open asked of node
// A reaches the gate through B's relay pass and A answers with the gate's ack;
// settings changed over A's HTTP API and by the CLI (a third process's
// connection to the store) reach it too; a gate connected nowhere times out
// and its marker goes. Each relayed command arrives exactly once.
import t from 'tap'
import { runCli } from '../../services/ctl/run.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { aSite } from '../fixtures/builders.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { connectDevice, startTestBackend } from '../helpers/backend.ts'
import { eachSharedStore } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'

let seq = 0

await eachSharedStore(t, 'a command recorded on one node reaches the gate connected to another', async (t, shared) => {
  const nodeA = await startTestBackend(t, { ...shared, NODE_ID: 'node-a', COMMAND_RELAY_MS: 50 })
  const nodeB = await startTestBackend(t, { ...shared, NODE_ID: 'node-b', COMMAND_RELAY_MS: 50 })
  const { db } = nodeA.store
  const site = await aSite(db)
  const { device, secret } = await aGate(db, site.id, { releaseMs: 3000 })
  const offline = await aGate(db, site.id)
  const admin = await createStaff(db, { username: `a${process.pid}`, name: 'Admin', role: 'admin', siteId: site.id })
  const call = (method: string, path: string, body: unknown) => fetch(`${nodeA.httpUrl}/api${path}`, {
    method, headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body)
  })

  const gate = await connectDevice(t, nodeB.mqttUrl, device.id, secret)
  await gate.waitFor(m => m.payload.type === 'allow-list-full')
  gate.client.on('message', (_topic, payload) => {
    const command = JSON.parse(payload.toString()) as { type?: string, cmdId?: string }
    if (command.type === 'gate-open') void gate.publishJson('events/command-ack', { eventId: `ack${++seq}`, ts: Date.now(), cmdId: command.cmdId, ok: true })
  })
  t.notOk(nodeA.broker.isConnected(device.id), 'node A does not hold the gate')

  const opened = await call('POST', `/gates/${device.id}/open`, { reason: 'Ambulance', timeoutMs: 10_000 })
  t.equal(opened.status, 200)
  const answer = await opened.json() as { cmdId: string, outcome: string }
  t.match(answer, { outcome: 'opened', error: null }, 'node A answers with the ack the gate gave node B')
  t.match((await gate.waitFor(m => m.payload.cmdId === answer.cmdId)).payload, { type: 'gate-open', releaseMs: 3000 })

  const put = await call('PUT', `/gates/${device.id}`, { directions: ['in'], zoneId: null, releaseMs: 4000 })
  t.equal(put.status, 200)
  await gate.waitFor(m => m.payload.type === 'gate-config' && m.payload.releaseMs === 4000)

  const cli = await runCli(['gate', 'set', '--id', device.id, '--release-ms', '6000'], shared, { out: () => {}, err: () => {} })
  t.equal(cli, 0)
  await gate.waitFor(m => m.payload.type === 'gate-config' && m.payload.releaseMs === 6000)

  // a gate connected nowhere: the open times out and no marker stays behind
  const unanswered = await (await call('POST', `/gates/${offline.device.id}/open`, { reason: 'nobody there', timeoutMs: 1000 })).json() as { cmdId: string, outcome: string }
  t.equal(unanswered.outcome, 'timeout')
  await waitUntil(async () => (await db.selectFrom('command_relay').select('cmd_id').execute()).length === 0, 'every marker dropped (sent, or its command expired)')

  // the relayed ones only: the settings the gate gets at its connect are the connect path's
  // (sent again if its subscribe is reported twice, which devices de-duplicate by cmdId)
  const relayed = gate.received.filter(m => m.payload.cmdId === answer.cmdId || (m.payload.type === 'gate-config' && [4000, 6000].includes(m.payload.releaseMs as number)))
  t.same(relayed.map(m => m.payload.releaseMs).sort(), [3000, 4000, 6000], 'the open and both settings, each arrived once')
})
