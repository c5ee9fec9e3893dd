// Remote open over the real HTTP server and the real broker, on both stores:
// manager only, reason required; the HTTP answer waits for the gate's ack,
// its refusal, or the timeout (after which the command is never re-sent);
// recorded in the access log (mode remote, who and why) and the audit log.
import t from 'tap'
import { createStaff } from '../../services/staff/staff.ts'
import { listAccess } from '../../services/gate/access-log.ts'
import { aSite } from '../fixtures/builders.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { connectDevice } from '../helpers/backend.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'

let seq = 0

await eachBackendStore(t, 'remote open: acked, refused, timed out; manager only; recorded with who and why', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aGate(db, site.id, { releaseMs: 3000 })
  const manager = await createStaff(db, { username: `m${process.pid}`, name: 'Manager', role: 'manager', siteId: site.id })
  const counter = await createStaff(db, { username: `c${process.pid}`, name: 'Counter', role: 'counter', siteId: site.id })
  const open = (token: string, body: unknown) => fetch(`${backend.httpUrl}/api/gates/${device.id}/open`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body)
  })
  const gate = await connectDevice(t, backend.mqttUrl, device.id, secret)
  // the gate acknowledges remote opens as they come, refusing the one marked by its reader number
  gate.client.on('message', (_topic, payload) => {
    const command = JSON.parse(payload.toString()) as { type?: string, cmdId?: string, reader?: number, requestEventId?: string }
    if (command.type !== 'gate-open' || command.requestEventId != null || command.reader === 9) return
    const ok = command.reader !== 7
    void gate.publishJson('events/command-ack', { eventId: `r${++seq}`, ts: Date.now(), cmdId: command.cmdId, ok, ...(ok ? {} : { error: 'door jammed' }) })
  })

  t.equal((await open(counter.token, { reason: 'delivery' })).status, 403, 'a counter clerk may not open gates')
  t.equal((await open(manager.token, {})).status, 400, 'a reason is required')

  const opened = await open(manager.token, { reason: 'Ambulance at the north gate' })
  t.equal(opened.status, 200)
  const body = await opened.json() as { cmdId: string, outcome: string }
  t.match(body, { outcome: 'opened', error: null })
  const sent = await gate.waitFor(m => m.payload.cmdId === body.cmdId)
  t.match(sent.payload, { type: 'gate-open', releaseMs: 3000 })

  const refused = await (await open(manager.token, { reason: 'test the lock', reader: 7 })).json() as { outcome: string, error: string }
  t.match(refused, { outcome: 'refused', error: 'door jammed' })

  const unanswered = await (await open(manager.token, { reason: 'no answer', reader: 9, timeoutMs: 1000 })).json() as { cmdId: string, outcome: string }
  t.equal(unanswered.outcome, 'timeout')
  const row = await db.selectFrom('commands').select('status').where('cmd_id', '=', unanswered.cmdId).executeTakeFirstOrThrow()
  t.equal(row.status, 'expired', 'a timed-out open is never delivered later')
  await gate.end()
  const again = await connectDevice(t, backend.mqttUrl, device.id, secret)
  await again.waitFor(m => m.payload.type === 'time-sync')
  t.equal(again.received.filter(m => m.payload.cmdId === unanswered.cmdId).length, 0, 'not re-sent on reconnect')

  const { rows } = await listAccess(db, { gateId: device.id, mode: 'remote' }, 10)
  t.match(rows.map(r => [r.note, r.staff_id, r.credential_kind, JSON.parse(r.flags)]), [
    ['no answer', manager.staff.id, 'staff', ['TIMEOUT']],
    ['test the lock', manager.staff.id, 'staff', ['REFUSED']],
    ['Ambulance at the north gate', manager.staff.id, 'staff', []]
  ])
  const audit = await db.selectFrom('audit_log').selectAll().where('route', '=', '/api/gates/:deviceId/open').execute()
  t.equal(audit.filter(a => a.status_code === 200).length, 3, 'each remote open is in the audit log')
  t.ok(audit.some(a => a.status_code === 403), 'and so is the refused attempt')
})
