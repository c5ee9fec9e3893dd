// Payload fuzzing through a real backend (real broker, real SQLite file):
// mutated payloads of every schema, published by a real device over MQTT.
// Checked after each one: an invalid payload is acknowledged and answered on
// the errors topic and changes no ledger entry; at the end the ledger
// invariant holds, memory is bounded and a well-behaved device still works.
import type { Test } from 'tap'
import { ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../../fixtures/builders.ts'
import { connectDevice, startTestBackend } from '../../helpers/backend.ts'
import { createPrng } from './prng.ts'
import { fuzzPayload, payloadKinds, type FuzzContext } from './payload-mutations.ts'
import { startFuzzClock, type FuzzBudget } from './budget.ts'
import { heapUsedAfterGc } from './heap.ts'
import { ackedOrClosed } from './acked-or-closed.ts'

export async function runPayloadFuzz (t: Test, budget: FuzzBudget): Promise<void> {
  const rng = createPrng(budget.seed)
  const backend = await startTestBackend(t)
  const { db } = backend.store
  const site = await aSite(db)
  const kiosk = await aKiosk(db, site.id)
  const { card } = await aHouseholdWithCard(db, site.id)
  const device = await connectDevice(t, backend.mqttUrl, kiosk.device.id, kiosk.secret)
  let n = 0
  const ctx: FuzzContext = { card: card.uid, sessionIds: [], cmdIds: [], nextEventId: () => `fz${budget.seed}-${++n}` }
  const ledgerCount = async () => (await db.selectFrom('ledger_entries').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
  const errorsTopic = `devices/${kiosk.device.id}/errors`

  const stats = { valid: 0, invalid: 0, answered: 0 }
  const problems: string[] = []
  const warmUp = Math.min(50, Math.floor(budget.cases / 4))
  let heapAfterWarmUp = 0
  const clock = startFuzzClock(t, budget, 'payload fuzzing')
  let i = 0
  for (; clock.more(i); i++) {
    // the heap is measured from here: the first cases warm caches and compiled code up
    if (heapAfterWarmUp === 0 && i >= warmUp) heapAfterWarmUp = heapUsedAfterGc()
    const kind = rng.pick(payloadKinds)
    const fuzz = fuzzPayload(kind, rng, ctx)
    const topic = kind === 'status' ? `devices/${kiosk.device.id}/status` : `devices/${kiosk.device.id}/events/${kind}`
    const before = device.received.length
    const entriesBefore = await ledgerCount()
    // acked = committed; a close instead would be a refusal the device must resend forever
    if (await ackedOrClosed(device.client, device.publishRaw(topic, fuzz.payload)) === 'closed') {
      problems.push(`#${i} ${fuzz.description}: connection closed instead of PUBACK (seed ${budget.seed})`)
      break
    }
    if (fuzz.valid) {
      stats.valid++
    } else {
      stats.invalid++
      const reply = await device.waitFor(m => device.received.indexOf(m) >= before && m.topic === errorsTopic, 5000).catch(() => null)
      if (reply == null) problems.push(`#${i} ${fuzz.description}: no error reply (seed ${budget.seed})`)
      else stats.answered++
      if (await ledgerCount() !== entriesBefore) problems.push(`#${i} ${fuzz.description}: invalid payload changed the ledger (seed ${budget.seed})`)
    }
    // learn sessions and commands the backend opened, so later payloads can name them
    for (const m of device.received.slice(before)) {
      if (typeof m.payload.sessionId === 'string' && !ctx.sessionIds.includes(m.payload.sessionId)) ctx.sessionIds.push(m.payload.sessionId)
      if (typeof m.payload.cmdId === 'string' && !ctx.cmdIds.includes(m.payload.cmdId)) ctx.cmdIds.push(m.payload.cmdId)
    }
    if (device.received.length > 1000) device.received.splice(0, device.received.length - 100)
    if (problems.length > 10) break
  }
  clock.assertFloor(t, i, 'payloads')
  t.same(problems, [], `${i} payloads (seed ${budget.seed}): ${stats.valid} valid, ${stats.invalid} invalid of which ${stats.answered} answered with an error`)
  t.ok(device.client.connected, 'the device stayed connected throughout (acknowledged and dead-lettered, never disconnected)')
  t.same(await ledgerInvariantViolations(db), [], 'ledger invariant holds')
  const grewMiB = (heapUsedAfterGc() - heapAfterWarmUp) / 1024 / 1024
  t.ok(grewMiB < 4, `heap grew by ${grewMiB.toFixed(2)} MiB over ${i - warmUp} payloads after the warm-up (bounded)`)

  const fresh = await aKiosk(db, site.id)
  const check = await connectDevice(t, backend.mqttUrl, fresh.device.id, fresh.secret)
  await check.publishJson('events/swipe', { eventId: 'after-fuzz', ts: Date.now(), card: card.uid })
  const open = await check.waitFor(m => m.payload.swipeEventId === 'after-fuzz')
  t.match(open.payload, { type: 'open' }, 'a well-behaved device still works afterwards')
}
