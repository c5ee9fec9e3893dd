// A resident's visitor pass opens a gate, end to end on both stores: the
// resident is invited at the counter and activates on the phone, issues a
// pass over HTTP, and a gate connected over real MQTT opens for its QR; it is
// refused at a gate of another site, after its uses, and once the resident
// revokes it.
import t from 'tap'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { connectDevice, type TestDevice } from '../helpers/backend.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'
import { aResident, fetchSend } from '../helpers/resident-api.ts'

let seq = 0

await eachBackendStore(t, 'a pass a resident issued opens the gate over MQTT', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const other = await aSite(db)
  const north = await aGate(db, site.id)
  const foreign = await aGate(db, other.id)
  const { household } = await aHouseholdWithCard(db, site.id)
  const clerk = await createStaff(db, { username: `c${process.pid}r`, name: 'Clerk', role: 'counter', siteId: site.id })
  const send = fetchSend(backend.httpUrl)
  const resident = await aResident(send, clerk.token, household.id)

  const northGate = await connectDevice(t, backend.mqttUrl, north.device.id, north.secret)
  const foreignGate = await connectDevice(t, backend.mqttUrl, foreign.device.id, foreign.secret)
  const scan = async (gate: TestDevice, qr: string) => {
    const request = { eventId: `rp${++seq}`, ts: Date.now(), credential: { kind: 'pass', qr }, reader: 0, direction: 'in' }
    await gate.publishJson('events/access-request', request)
    return (await gate.waitFor(m => m.payload.requestEventId === request.eventId)).payload
  }

  const issued = await send('POST', '/resident/visitor-passes', { token: resident.token, body: { gates: [north.device.id], validFromMs: Date.now() - 1000, validUntilMs: Date.now() + 3_600_000, maxUses: 2, visitor: 'Grandma' } })
  t.match(issued, { status: 201, json: { pass: { issuedBy: resident.id, maxUses: 2 }, qr: /^VP1\./ } })
  const qr = issued.json.qr as string
  t.match(await scan(northGate, qr), { type: 'gate-open' }, 'the gate opens for the resident\'s pass')
  t.match(await scan(foreignGate, qr), { type: 'gate-deny', reason: 'WRONG_SITE' }, 'never another site\'s gate')
  t.match(await scan(northGate, qr), { type: 'gate-open' }, 'second use')
  t.match(await scan(northGate, qr), { type: 'gate-deny', reason: 'EXHAUSTED' }, 'third use')
  t.match((await send('GET', '/resident/visitor-passes?all=true', { token: resident.token })).json.passes, [{ id: issued.json.pass.id, uses: 2 }], 'the phone sees the uses counted centrally')

  const revoked = await send('POST', '/resident/visitor-passes', { token: resident.token, body: { gates: [north.device.id], validFromMs: Date.now() - 1000, validUntilMs: Date.now() + 3_600_000, maxUses: 1 } })
  t.equal((await send('POST', `/resident/visitor-passes/${revoked.json.pass.id as string}/revoke`, { token: resident.token })).status, 200)
  t.match(await scan(northGate, revoked.json.qr as string), { type: 'gate-deny', reason: 'REVOKED' }, 'revoked from the phone: refused at once')
})
