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
import { startFuzzClock, type FuzzBudget } from './budget.ts'
import { heapUsedAfterGc } from './heap.ts'
import { ackedOrClosed } from './acked-or-closed.ts'
import { waitUntil } from '../../helpers/wait-until.ts'

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

  const parallel = budget.parallel ?? 8
  const warmUp = Math.min(8 * parallel, Math.floor(budget.cases / 4))
  let heapAfterWarmUp = 0
  const clock = startFuzzClock(t, budget, 'packet fuzzing')
  let sessions = 0
  while (clock.more(sessions)) {
    // the heap is measured from here: the first sessions warm caches and compiled code up
    if (heapAfterWarmUp === 0 && sessions >= warmUp) heapAfterWarmUp = heapUsedAfterGc()
    const batch = Array.from({ length: parallel }, () => fuzzSession(rng, rng.pick(kiosks)))
    await Promise.all(batch.map(chunks => runSession(backend.mqttPort, chunks, 20 + rng.int(80))))
    sessions += batch.length
  }
  clock.assertFloor(t, sessions, 'fuzz connections')
  // every fuzz socket is closed on our side; the broker lets go of each when it sees the close
  await waitUntil(() => backend.broker.connectedCount() <= 1, 'the broker lets go of the fuzz connections', 10_000).catch(() => {})
  t.equal(backend.broker.connectedCount(), 1, 'no stray connections left: only the bystander')
  t.comment(`guard: ${JSON.stringify(backend.broker.guardCounters())}; dead letters: ${JSON.stringify(backend.metrics.deadLettered)}`)
  t.ok(bystander.client.connected, 'a device connected throughout was not disturbed')
  const grewMiB = (heapUsedAfterGc() - heapAfterWarmUp) / 1024 / 1024
  t.ok(grewMiB < 4, `heap grew by ${grewMiB.toFixed(2)} MiB over ${sessions - warmUp} sessions after the warm-up (bounded)`)
  t.same(await ledgerInvariantViolations(db), [], 'ledger invariant holds')
  t.equal(await db.selectFrom('ledger_entries').select('id').execute().then(r => r.length), 0, 'no ledger change from fuzz input')

  t.equal(await ackedOrClosed(bystander.client, bystander.publishJson('events/swipe', { eventId: 'after-packet-fuzz', ts: Date.now(), card: card.uid })), 'acked', 'the bystander\'s swipe is acknowledged')
  t.match((await bystander.waitFor(m => m.payload.swipeEventId === 'after-packet-fuzz')).payload, { type: 'open' }, 'the broker still serves a well-behaved device')
  const fresh = await aKiosk(db, site.id)
  const late = await connectDevice(t, backend.mqttUrl, fresh.device.id, fresh.secret)
  t.ok(late.client.connected, 'and accepts new ones')
}
