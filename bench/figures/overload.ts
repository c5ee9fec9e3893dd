// Overload figure (issue #8): kiosks offered 3× what the backend commits, for
// 60 s (a few seconds in quick mode), then half of it for 10 s. Reported: the
// server's RSS growth over its level before the overload (back-pressure must
// keep it bounded), and PUBACK p99 during the overload and after it.
import { fleetSlice } from '../lib/fleet.ts'
import type { RunContext } from '../lib/context.ts'
import { rssBytes, startChild } from '../lib/proc.ts'
import { startOurs } from './servers.ts'

type Phase = { p50: number, p99: number, max: number, n: number }
export interface Overload {
  capacityPerS: number
  offeredPerS: number
  ackedDuringPerS: number
  deferred: number
  unacked: number
  /** Peak RSS over its level when the overload began. */
  rssGrowthBytes: number
  /** How much of that came in the overload's second half: near 0 when memory is bounded, half of it when it grows with the load. */
  rssGrowthSecondHalfBytes: number
  during: Phase
  after: Phase
}

export async function ourOverload (ctx: RunContext): Promise<Overload> {
  const p = ctx.params.overload
  const server = await startOurs(ctx)
  const maxMs = p.calibrateMs + p.overloadMs + p.afterMs + 120_000
  const load = startChild('load/kiosk-overload.ts', {
    port: server.port, fleet: fleetSlice(ctx.fleet, 0, p.kiosks),
    connectRatePerS: 2000, maxMs
  }, { fileLimit: ctx.fileLimit })
  let sampler: NodeJS.Timeout | undefined
  try {
    await load.next('ready', 60_000)
    load.send({ type: 'go', calibrateMs: p.calibrateMs, overloadMs: p.overloadMs, afterMs: p.afterMs, window: p.window })
    await load.next('phase', maxMs)
    // RSS from the start of the overload (the calibration warmed the server up) to the end
    const startedAt = Date.now()
    const rssBefore = rssBytes(server.pid)
    let firstHalfMax = rssBefore
    let rssMax = rssBefore
    const sampleRss = (): void => {
      const rss = rssBytes(server.pid)
      rssMax = Math.max(rssMax, rss)
      if (Date.now() - startedAt < p.overloadMs / 2) firstHalfMax = rssMax
    }
    sampler = setInterval(sampleRss, 250)
    const r = await load.next<Omit<Overload, 'rssGrowthBytes' | 'rssGrowthSecondHalfBytes'>>('result', maxMs)
    sampleRss()
    return { ...r, rssGrowthBytes: rssMax - rssBefore, rssGrowthSecondHalfBytes: rssMax - firstHalfMax }
  } finally {
    clearInterval(sampler)
    await load.stop()
    await server.child.stop()
  }
}
