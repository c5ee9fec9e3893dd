// Drives a site's gates: residents pass at a target rate with rush-hour peaks (in, later out),
// each gate's clock starts off by a random drift until the backend syncs it,
// some gates drop offline for a while (they decide alone and replay later),
// and some residents hand their card back through the fence (the same card
// in twice: anti-passback). Bounded by a number of passages; then flushes
// every gate's buffer and returns what happened.
import type { KioskCredentials } from './fleet-description.ts'
import { SimGate, type GateStats } from './gate.ts'
import { chance, deriveSeed, intBetween, mulberry32, pick } from './random.ts'

export interface GateFleetOptions {
  mqttUrl: string
  siteId: string
  gates: readonly KioskCredentials[]
  cards: readonly string[]
  passages: number
  /** Target passages per second over all gates. Default 5. */
  ratePerS?: number
  /** Rush hours: for lengthMs of every everyMs the rate is `factor` times higher (the morning and evening peaks, compressed). */
  rush?: { everyMs: number, lengthMs: number, factor: number }
  seed?: number
  /** Probability per passage that its gate drops offline for offlineMs first. Default 0. */
  offlineRate?: number
  offlineMs?: { min: number, max: number }
  /** Each gate's clock starts off by up to this much (either way) until synced. Default 0. */
  clockDriftMaxMs?: number
  /** Probability per passage that the card is presented `in` a second time right after. Default 0. */
  passbackRate?: number
  /** A person does not pass twice in a blink: a card rests this long after each passage. Default 500 ms (more than a gate's clock is off after a sync). */
  cardRestMs?: number
  answerTimeoutMs?: number
  /** How long to wait at the end for buffered events to be acked. Default 5000. */
  drainTimeoutMs?: number
}

export interface GateFleetSummary extends GateStats {
  gates: number
  passages: number
  allowed: number
  denied: number
  denyReasons: Record<string, number>
  offlinePeriods: number
  passbacks: number
  /** Events still unacked after the drain timeout (0 when nothing was lost in flight). */
  undrained: number
}

export async function runGateFleet (opts: GateFleetOptions): Promise<GateFleetSummary> {
  const seed = opts.seed ?? 1
  const rng = mulberry32(deriveSeed(seed, 'gate-fleet'))
  const driftMax = opts.clockDriftMaxMs ?? 0
  const gates = opts.gates.map(g => new SimGate({
    mqttUrl: opts.mqttUrl, siteId: opts.siteId, deviceId: g.deviceId, secret: g.secret,
    clockDriftMs: driftMax === 0 ? 0 : intBetween(rng, -driftMax, driftMax), ...(opts.answerTimeoutMs != null ? { answerTimeoutMs: opts.answerTimeoutMs } : {})
  }))
  const summary: GateFleetSummary = {
    gates: gates.length, passages: 0, allowed: 0, denied: 0, denyReasons: {}, offlinePeriods: 0, passbacks: 0, undrained: 0,
    requests: 0, openedOnline: 0, deniedOnline: 0, decidedOffline: 0, remoteOpens: 0, listsApplied: 0, listsRefused: 0, timeSyncs: 0
  }
  const count = (answer: { result: 'allow' | 'deny', reason?: string }) => {
    if (answer.result === 'allow') summary.allowed++
    else {
      summary.denied++
      summary.denyReasons[answer.reason ?? '?'] = (summary.denyReasons[answer.reason ?? '?'] ?? 0) + 1
    }
  }
  await Promise.all(gates.map(g => g.start()))
  const inside = new Set<string>()
  const busy = new Set<SimGate>()
  const busyCards = new Set<string>()
  const startedAt = Date.now()
  const rush = opts.rush
  /** Pause before the next arrival: shorter inside a rush window. */
  const gapMs = () => {
    const base = 1000 / (opts.ratePerS ?? 5)
    return rush != null && (Date.now() - startedAt) % rush.everyMs < rush.lengthMs ? base / rush.factor : base
  }
  const running: Array<Promise<void>> = []
  for (let i = 0; i < opts.passages; i++) {
    const free = gates.filter(g => !busy.has(g))
    const gate = free.length > 0 ? pick(rng, free) : pick(rng, gates)
    // one person per card: a card still passing somewhere is not presented again meanwhile
    const idle = opts.cards.filter(c => !busyCards.has(c))
    if (idle.length === 0) {
      i-- // everyone is passing or resting: the next arrival waits
      await new Promise(resolve => setTimeout(resolve, gapMs()))
      continue
    }
    const card = pick(rng, idle)
    const direction = inside.has(card) ? 'out' : 'in'
    const offline = chance(rng, opts.offlineRate ?? 0)
    const passback = direction === 'in' && chance(rng, opts.passbackRate ?? 0)
    busy.add(gate)
    busyCards.add(card)
    running.push((async () => {
      if (offline && gate.online) {
        summary.offlinePeriods++
        await gate.goOffline()
        const { min, max } = opts.offlineMs ?? { min: 200, max: 1000 }
        setTimeout(() => { void gate.goOnline() }, intBetween(rng, min, max))
      }
      const answer = await gate.present({ kind: 'card', card }, direction)
      summary.passages++
      count(answer)
      if (answer.result === 'allow') {
        if (direction === 'in') inside.add(card)
        else inside.delete(card)
      }
      if (passback) {
        summary.passbacks++
        count(await gate.present({ kind: 'card', card }, 'in'))
      }
    })().finally(() => {
      busy.delete(gate)
      setTimeout(() => busyCards.delete(card), opts.cardRestMs ?? 500)
    }))
    await new Promise(resolve => setTimeout(resolve, gapMs()))
  }
  await Promise.all(running)
  // every gate back online, then wait (bounded) for the buffers to drain
  await Promise.all(gates.map(g => g.goOnline()))
  const deadline = Date.now() + (opts.drainTimeoutMs ?? 5000)
  while (gates.some(g => g.pendingEvents > 0 || !g.online) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20))
  for (const g of gates) {
    summary.undrained += g.pendingEvents
    for (const key of Object.keys(g.stats) as Array<keyof GateStats>) summary[key] += g.stats[key]
  }
  await Promise.all(gates.map(g => g.close()))
  return summary
}
