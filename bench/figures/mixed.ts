// Mixed load (issue #8): kiosks doing visits back to back (at capacity, as in
// the deposits figure) while 20 counter staff redeem points over HTTP for the
// same households, all against one backend on the embedded store. What
// matters is 0 HTTP 5xx; the p99 of a visit and of a redemption are reported.
import { startChild } from '../lib/proc.ts'
import type { RunContext } from '../lib/context.ts'
import { fleetSlice } from '../lib/fleet.ts'
import { BENCH_SITE } from '../setup/provision.ts'
import { startOurs } from './servers.ts'

export interface Mixed {
  visitsPerS: number
  visitP99Ms: number
  http: { requests: number, ok: number, client4xx: number, server5xx: number, failed: number, p50Ms: number, p99Ms: number, firstServerErrors: string[] }
}

export async function ourMixed (ctx: RunContext): Promise<Mixed> {
  const p = ctx.params.mixed
  const server = await startOurs(ctx)
  const maxMs = p.durationMs + 120_000
  const householdIds = Array.from({ length: p.kiosks }, (_, i) => `hh-bench-${i}`)
  const kiosks = startChild('load/kiosk-visits.ts', { port: server.port, fleet: fleetSlice(ctx.fleet, 0, p.kiosks), connectRatePerS: 2000, maxMs }, { fileLimit: ctx.fileLimit })
  try {
    const { tokens } = await server.child.ask<{ tokens: string[] }>({ type: 'seed-counter', siteId: BENCH_SITE, staff: p.redeemers, householdIds, points: 10_000_000 }, 'seeded', 120_000)
    const tills = startChild('load/http-redeemers.ts', { httpUrl: server.httpUrl, tokens, householdIds, maxMs }, { fileLimit: ctx.fileLimit })
    try {
      await Promise.all([kiosks.next('ready', 60_000), tills.next('ready', 60_000)])
      const go = { type: 'go', durationMs: p.durationMs, warmupMs: p.warmupMs, maxVisits: Number.MAX_SAFE_INTEGER }
      const [visits, http] = await Promise.all([
        kiosks.ask<{ displaysInWindow: number, windowMs: number, visitP99Ms: number }>(go, 'result', maxMs),
        tills.ask<Mixed['http']>(go, 'result', maxMs)
      ])
      return { visitsPerS: visits.displaysInWindow / (visits.windowMs / 1000), visitP99Ms: visits.visitP99Ms, http }
    } finally {
      await tills.stop()
    }
  } finally {
    await kiosks.stop()
    await server.child.stop()
  }
}
