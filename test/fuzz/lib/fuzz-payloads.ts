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

export interface FuzzBudget { seed: number, maxIterations: number, maxSeconds: number }

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

  globalThis.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const deadline = Date.now() + budget.maxSeconds * 1000
  const stats = { valid: 0, invalid: 0, answered: 0 }
  const problems: string[] = []
  let i = 0
  for (; i < budget.maxIterations && Date.now() < deadline; i++) {
    const kind = rng.pick(payloadKinds)
    const fuzz = fuzzPayload(kind, rng, ctx)
    const topic = kind === 'status' ? `devices/${kiosk.device.id}/status` : `devices/${kiosk.device.id}/events/${kind}`
    const before = device.received.length
    const entriesBefore = await ledgerCount()
    await device.publishRaw(topic, fuzz.payload) // resolves on PUBACK: committed
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
  t.same(problems, [], `${i} payloads (seed ${budget.seed}): ${stats.valid} valid, ${stats.invalid} invalid of which ${stats.answered} answered with an error`)
  t.ok(device.client.connected, 'the device stayed connected throughout (acknowledged and dead-lettered, never disconnected)')
  t.same(await ledgerInvariantViolations(db), [], 'ledger invariant holds')
  globalThis.gc?.()
  const grewMiB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024
  t.ok(grewMiB < 64, `heap grew by ${grewMiB.toFixed(1)} MiB (bounded)`)

  const fresh = await aKiosk(db, site.id)
  const check = await connectDevice(t, backend.mqttUrl, fresh.device.id, fresh.secret)
  await check.publishJson('events/swipe', { eventId: 'after-fuzz', ts: Date.now(), card: card.uid })
  const open = await check.waitFor(m => m.payload.swipeEventId === 'after-fuzz')
  t.match(open.payload, { type: 'open' }, 'a well-behaved device still works afterwards')
}
