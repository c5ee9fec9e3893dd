// Drives a site's charging piles: residents arrive at a target rate, each
// swipes at a free port and charges an e-bike to full (a CC/CV curve in the
// pile's fast clock), paid from the points the kiosks gave them. Bounded by a
// number of swipes; waits for every session it started to stop, flushes every
// pile's buffer and returns what happened.
import type { KioskCredentials } from './fleet-description.ts'
import { SimCharger } from './charger.ts'
import { deriveSeed, mulberry32, pick } from './random.ts'

export interface PileFleetOptions {
  mqttUrl: string
  piles: readonly KioskCredentials[]
  cards: readonly string[]
  /** Swipes in all; a swipe that is denied (e.g. too few points) counts too. */
  swipes: number
  /** Target swipes per second over all piles. Default 1. */
  ratePerS?: number
  /** Ports per pile. Default 2. */
  ports?: number
  /** The piles' clocks run this many times faster than real time (a six-hour charge at 60 000: a third of a second). Default 60 000. */
  speed?: number
  seed?: number
  /** How long to wait at the end for buffered events to be acked. Default 5000. */
  drainTimeoutMs?: number
}

export interface PileFleetSummary {
  piles: number
  swipes: number
  started: number
  denied: number
  denyReasons: Record<string, number>
  timeouts: number
  /** Sessions by the reason they stopped (FULL for a battery charged to the end). */
  stopReasons: Record<string, number>
  /** Energy the piles metered, over every session. */
  energyWh: number
  /** Points held at the starts, over every session (what was charged is in the ledger). */
  heldPoints: number
  undrained: number
}

/** A meter value every 30 minutes of pile time, as a real pile sends them every 30 s. */
const deviceStepMs = 30 * 60_000

export async function runPileFleet (opts: PileFleetOptions): Promise<PileFleetSummary> {
  const rng = mulberry32(deriveSeed(opts.seed ?? 1, 'pile-fleet'))
  const ports = opts.ports ?? 2
  const tickMs = Math.max(1, Math.round(deviceStepMs / (opts.speed ?? 60_000)))
  const piles = opts.piles.map(p => new SimCharger({ mqttUrl: opts.mqttUrl, deviceId: p.deviceId, secret: p.secret, ports, deviceStepMs, tickMs }))
  const summary: PileFleetSummary = { piles: piles.length, swipes: 0, started: 0, denied: 0, denyReasons: {}, timeouts: 0, stopReasons: {}, energyWh: 0, heldPoints: 0, undrained: 0 }
  const bump = (counts: Record<string, number>, key: string) => { counts[key] = (counts[key] ?? 0) + 1 }
  await Promise.all(piles.map(p => p.start()))

  const busyPorts = new Set<string>()
  const busyCards = new Set<string>()
  const gap = () => new Promise(resolve => setTimeout(resolve, 1000 / (opts.ratePerS ?? 1)))
  const running: Array<Promise<void>> = []
  while (summary.swipes < opts.swipes) {
    const freePorts = piles.flatMap(pile => Array.from({ length: ports }, (_, i) => ({ pile, port: i + 1 }))).filter(p => !busyPorts.has(`${p.pile.deviceId}:${p.port}`))
    const idleCards = opts.cards.filter(c => !busyCards.has(c))
    // every port busy or every resident charging: the next arrival waits
    if (freePorts.length === 0 || idleCards.length === 0) {
      await gap()
      continue
    }
    const { pile, port } = pick(rng, freePorts)
    const card = pick(rng, idleCards)
    const portKey = `${pile.deviceId}:${port}`
    busyPorts.add(portKey)
    busyCards.add(card)
    summary.swipes++
    running.push((async () => {
      const answer = await pile.swipe(card, port)
      if (answer.outcome === 'denied') {
        summary.denied++
        bump(summary.denyReasons, answer.reason)
        return
      }
      if (answer.outcome === 'timeout') {
        summary.timeouts++
        return
      }
      summary.started++
      summary.heldPoints += answer.holdPoints
      const session = pile.sessions.get(port)
      if (session == null) return
      const reason = await session.stopped
      bump(summary.stopReasons, reason)
      summary.energyWh += Math.floor(session.curve.energyWh)
    })().finally(() => {
      busyPorts.delete(portKey)
      busyCards.delete(card)
    }))
    await gap()
  }
  await Promise.all(running)
  await Promise.all(piles.map(p => p.waitForDrain(opts.drainTimeoutMs ?? 5000)))
  for (const p of piles) summary.undrained += p.pendingEvents
  await Promise.all(piles.map(p => p.close()))
  return summary
}
