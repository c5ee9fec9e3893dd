// Raw packet fuzzing against a real backend over TCP: many short connections,
// each sending damaged MQTT packets (often after an honest CONNECT, so the
// authenticated paths are reached too). Afterwards the broker is up, holds no
// stray connections, memory is bounded, and a well-behaved device still works.
import { connect } from 'node:net'
import type { Test } from 'tap'
import { ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../../fixtures/builders.ts'
import { connectDevice, startTestBackend } from '../../helpers/backend.ts'
import { createPrng } from './prng.ts'
import { fuzzSession, type Credentials } from './packet-mutations.ts'
import type { FuzzBudget } from './fuzz-payloads.ts'

function runSession (port: number, chunks: Buffer[], lingerMs: number): Promise<void> {
  return new Promise(resolve => {
    const socket = connect(port, '127.0.0.1')
    const done = () => { clearTimeout(timer); socket.destroy(); resolve() }
    const timer = setTimeout(done, lingerMs + 1000)
    socket.on('error', done)
    socket.on('close', done)
    socket.on('data', () => {})
    socket.once('connect', () => {
      for (const chunk of chunks) if (!socket.destroyed) socket.write(chunk)
      setTimeout(done, lingerMs)
    })
  })
}

export async function runPacketFuzz (t: Test, budget: FuzzBudget & { parallel?: number }): Promise<void> {
  const rng = createPrng(budget.seed)
  const backend = await startTestBackend(t)
  const { db } = backend.store
  const site = await aSite(db)
  const kiosks: Credentials[] = []
  for (let i = 0; i < 4; i++) { const k = await aKiosk(db, site.id); kiosks.push({ deviceId: k.device.id, secret: k.secret }) }
  const { card } = await aHouseholdWithCard(db, site.id)
  const steady = await aKiosk(db, site.id)
  const bystander = await connectDevice(t, backend.mqttUrl, steady.device.id, steady.secret)

  globalThis.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const deadline = Date.now() + budget.maxSeconds * 1000
  let sessions = 0
  const parallel = budget.parallel ?? 8
  while (sessions < budget.maxIterations && Date.now() < deadline) {
    const batch = Array.from({ length: parallel }, () => fuzzSession(rng, rng.pick(kiosks)))
    await Promise.all(batch.map(chunks => runSession(backend.mqttPort, chunks, 20 + rng.int(80))))
    sessions += batch.length
  }
  await new Promise(resolve => setTimeout(resolve, 300))
  t.ok(sessions > 0, `${sessions} fuzz connections (seed ${budget.seed})`)
  t.comment(`guard: ${JSON.stringify(backend.broker.guardCounters())}; dead letters: ${JSON.stringify(backend.metrics.deadLettered)}`)
  t.ok(bystander.client.connected, 'a device connected throughout was not disturbed')
  t.ok(backend.broker.connectedCount() <= 1 + kiosks.length, `no stray connections left (${backend.broker.connectedCount()})`)
  globalThis.gc?.()
  const grewMiB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024
  t.ok(grewMiB < 64, `heap grew by ${grewMiB.toFixed(1)} MiB (bounded)`)
  t.same(await ledgerInvariantViolations(db), [], 'ledger invariant holds')
  t.equal(await db.selectFrom('ledger_entries').select('id').execute().then(r => r.length), 0, 'no ledger change from fuzz input')

  await bystander.publishJson('events/swipe', { eventId: 'after-packet-fuzz', ts: Date.now(), card: card.uid })
  t.match((await bystander.waitFor(m => m.payload.swipeEventId === 'after-packet-fuzz')).payload, { type: 'open' }, 'the broker still serves a well-behaved device')
  const fresh = await aKiosk(db, site.id)
  const late = await connectDevice(t, backend.mqttUrl, fresh.device.id, fresh.secret)
  t.ok(late.client.connected, 'and accepts new ones')
}
