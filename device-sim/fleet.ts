// Drives N kiosks and M residents: visits arrive at a target rate, each
// resident visits a random free kiosk of the site, one visit per kiosk at a
// time. Bounded by a visit count and/or a duration; then waits for open
// visits, flushes the kiosks' buffers (bounded), closes every connection
// and returns what happened.
import type { KioskCredentials } from './fleet-description.ts'
import { SimKiosk, type VisitResult } from './kiosk.ts'
import { chance, deriveSeed, intBetween, mulberry32, type Rng } from './random.ts'
import { addStats, emptyStats, total, type KioskStats } from './stats.ts'
import { latencySummary, type LatencySummary } from './latency.ts'

export interface FleetOptions {
  mqttUrl: string
  kiosks: readonly KioskCredentials[]
  cards: readonly string[]
  /** Stop after this many visits. At least one of visits / durationMs is required. */
  visits?: number
  /** Stop starting visits after this long. */
  durationMs?: number
  /** Target arrivals per second over the whole fleet. Default 5. */
  ratePerS?: number
  seed?: number
  /** Probability per visit of one extra bad payload. Default 0. */
  badRate?: number
  /** Probability per visit that the network drops right after the open. Default 0. */
  offlineRate?: number
  offlineMs?: { min: number, max: number }
  implausibleRate?: number
  heartbeatS?: number
  openTimeoutMs?: number
  displayTimeoutMs?: number
  /** How long to wait at the end for buffered events to be acked. Default 5000. */
  drainTimeoutMs?: number
  /** Grace period at the end for late replies (displays, error replies). Default 300. */
  settleMs?: number
  connectConcurrency?: number
  progressEveryMs?: number
  onProgress?: (progress: FleetProgress) => void
  onError?: (err: Error, deviceId: string) => void
  /** Stops starting new visits (e.g. Ctrl-C); the run then winds down normally. */
  signal?: AbortSignal
}

export interface FleetProgress {
  elapsedMs: number
  visits: number
  inFlight: number
  /** Arrivals waiting for a free kiosk or resident. */
  backlog: number
  stats: KioskStats
}

/** The fleet's kiosk counters summed, plus what only the fleet knows. */
export interface FleetSummary extends Pick<KioskStats, 'visits' | 'deposited' | 'denied' | 'timeouts' | 'offline' | 'rejected' |
  'depositsSent' | 'depositsAcked' | 'pointsCredited' | 'errorReplies' | 'replays' | 'commandsReceived' | 'commandAcksSent'> {
  elapsedMs: number
  kiosks: number
  residents: number
  visitErrors: number
  badPayloadsInjected: number
  errorRepliesReceived: number
  /** Events still buffered when the run ended (not acked by the broker). */
  unsentEvents: number
  latencyMs: { open: LatencySummary, display: LatencySummary }
}

const maxSamples = 100_000

export async function runFleet (opts: FleetOptions): Promise<FleetSummary> {
  if (opts.visits == null && opts.durationMs == null) throw new Error('runFleet needs visits or durationMs')
  if (opts.kiosks.length === 0 || opts.cards.length === 0) throw new Error('runFleet needs at least one kiosk and one card')
  const seed = opts.seed ?? 1
  const rng = mulberry32(deriveSeed(seed, 'fleet'))
  const kiosks = opts.kiosks.map(k => new SimKiosk({
    mqttUrl: opts.mqttUrl,
    deviceId: k.deviceId,
    secret: k.secret,
    seed: deriveSeed(seed, k.deviceId),
    badRate: opts.badRate,
    implausibleRate: opts.implausibleRate,
    heartbeatS: opts.heartbeatS,
    openTimeoutMs: opts.openTimeoutMs,
    displayTimeoutMs: opts.displayTimeoutMs,
    onError: err => opts.onError?.(err, k.deviceId)
  }))
  await startAll(kiosks, opts.connectConcurrency ?? 20, opts.mqttUrl)

  const startedAt = Date.now()
  const freeKiosks = kiosks.map((_, i) => i)
  const freeCards = opts.cards.map((_, i) => i)
  const running = new Set<Promise<void>>()
  const openMs: number[] = []
  const displayMs: number[] = []
  let visits = 0
  let arrivals = 0
  let visitErrors = 0
  const rate = opts.ratePerS ?? 5
  const offlineMs = opts.offlineMs ?? { min: 500, max: 3000 }

  const snapshot = (): FleetProgress => ({
    elapsedMs: Date.now() - startedAt,
    visits,
    inFlight: running.size,
    backlog: arrivals - visits,
    stats: kiosks.reduce((sum, k) => addStats(sum, k.stats), emptyStats())
  })
  const progressTimer = setInterval(() => opts.onProgress?.(snapshot()), opts.progressEveryMs ?? 2000)

  const launch = () => {
    const kioskIndex = takeRandom(rng, freeKiosks)
    const cardIndex = takeRandom(rng, freeCards)
    const kiosk = kiosks[kioskIndex]!
    visits++
    const visit = kiosk.visit(opts.cards[cardIndex]!, undefined, chance(rng, opts.offlineRate ?? 0) ? { offlineAfterOpenMs: intBetween(rng, offlineMs.min, offlineMs.max) } : {})
      .then((result: VisitResult) => {
        if (result.latencies.openMs != null && openMs.length < maxSamples) openMs.push(result.latencies.openMs)
        if (result.outcome === 'deposited' && result.latencies.displayMs != null && displayMs.length < maxSamples) displayMs.push(result.latencies.displayMs)
      }, (err: Error) => {
        visitErrors++
        opts.onError?.(err, kiosk.deviceId)
      })
      .finally(() => {
        freeKiosks.push(kioskIndex)
        freeCards.push(cardIndex)
        running.delete(visit)
      })
    running.add(visit)
  }

  try {
    for (;;) {
      const elapsedMs = Date.now() - startedAt
      const stopped = opts.signal?.aborted === true || (opts.durationMs != null && elapsedMs >= opts.durationMs)
      if (stopped || (opts.visits != null && visits >= opts.visits)) break
      // Arrivals due by now (the first one at once), capped by the visit count.
      arrivals = Math.min(Math.floor(elapsedMs / 1000 * rate) + 1, opts.visits ?? Infinity)
      while (visits < arrivals && freeKiosks.length > 0 && freeCards.length > 0) launch()
      await sleep(Math.max(1, Math.min(20, 1000 / rate)))
    }
    await Promise.all(running)
    await Promise.all(kiosks.map(k => k.waitForDrain(opts.drainTimeoutMs ?? 5000)))
    await sleep(opts.settleMs ?? 300)
  } finally {
    clearInterval(progressTimer)
  }
  const final = snapshot()
  const unsentEvents = kiosks.reduce((sum, k) => sum + k.pendingEvents, 0)
  await Promise.all(kiosks.map(k => k.close(0)))
  return summarize(final, { kiosks: kiosks.length, residents: opts.cards.length, visitErrors, unsentEvents, openMs, displayMs })
}

function summarize (p: FleetProgress, extra: { kiosks: number, residents: number, visitErrors: number, unsentEvents: number, openMs: number[], displayMs: number[] }): FleetSummary {
  const s = p.stats
  return {
    elapsedMs: p.elapsedMs,
    kiosks: extra.kiosks,
    residents: extra.residents,
    visits: p.visits,
    deposited: s.deposited,
    denied: s.denied,
    timeouts: s.timeouts,
    offline: s.offline,
    rejected: s.rejected,
    visitErrors: extra.visitErrors,
    depositsSent: s.depositsSent,
    depositsAcked: s.depositsAcked,
    pointsCredited: s.pointsCredited,
    badPayloadsInjected: total(s.badPayloadsInjected),
    errorRepliesReceived: total(s.errorReplies),
    errorReplies: s.errorReplies,
    replays: s.replays,
    commandsReceived: s.commandsReceived,
    commandAcksSent: s.commandAcksSent,
    unsentEvents: extra.unsentEvents,
    latencyMs: { open: latencySummary(extra.openMs), display: latencySummary(extra.displayMs) }
  }
}

/** Connects every kiosk; if any cannot connect, closes the others and throws. */
async function startAll (kiosks: SimKiosk[], concurrency: number, mqttUrl: string): Promise<void> {
  const failures: Error[] = []
  let next = 0
  const worker = async () => {
    while (next < kiosks.length && failures.length === 0) {
      const kiosk = kiosks[next++]!
      await kiosk.start().catch((err: Error) => { failures.push(err) })
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, kiosks.length) }, worker))
  if (failures.length === 0) return
  await Promise.all(kiosks.map(k => k.close(0)))
  throw new Error(`cannot connect kiosks to ${mqttUrl}: ${failures[0]!.message}`, { cause: failures[0] })
}

/** Removes and returns a random element (swap with the last: O(1)). */
function takeRandom (rng: Rng, items: number[]): number {
  const i = Math.floor(rng() * items.length)
  const value = items[i]!
  items[i] = items[items.length - 1]!
  items.pop()
  return value
}

function sleep (ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
