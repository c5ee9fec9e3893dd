// Charging figures (issue #11). One backend, kiosks at their usual load
// (each a visit every ~`kioskPauseMs`), and `piles` piles each with a session
// open. Server CPU is measured over the same window three times: kiosks only,
// kiosks + meter values every 30 s from every pile (the real cadence), and
// kiosks + meter values every second (enough events for a steady per-event
// figure); CPU per meter event is the difference over the meter events
// acknowledged, set against bare Aedes' CPU per forwarded message (measured
// in the same round). Then every session stops within a few seconds:
// stop → PUBACK, which follows the commit that settles the session.
import type { RunContext } from '../lib/context.ts'
import { fleetSlice } from '../lib/fleet.ts'
import { cpuMs, startChild } from '../lib/proc.ts'
import { startOurs } from './servers.ts'

export interface Charging {
  piles: number
  sessions: number
  kioskVisitsPerS: number
  /** Server CPU per meter event (µs) at the 30 s cadence and at the 1 s cadence. */
  cpuUsPerMeter30s: number
  cpuUsPerMeter1s: number
  meters30s: number
  meters1s: number
  stop: { p50: number, p99: number, max: number, n: number, stops: number, acked: number }
  settled: number
}

export async function ourCharging (ctx: RunContext): Promise<Charging> {
  const p = ctx.params.charging
  const server = await startOurs(ctx)
  const maxMs = 3 * p.windowMs + 240_000
  const kiosks = startChild('load/kiosk-visits.ts', { port: server.port, fleet: fleetSlice(ctx.fleet, 0, p.kiosks), connectRatePerS: 2000, maxMs }, { fileLimit: ctx.fileLimit })
  const piles = startChild('load/pile-sessions.ts', { port: server.port, fleet: fleetSlice(ctx.pileFleet, 0, p.piles), maxMs }, { fileLimit: ctx.fileLimit })
  try {
    await Promise.all([kiosks.next('ready', 60_000), piles.next('ready', 60_000)])
    const started = await piles.ask<{ started: number, denied: number }>({ type: 'start' }, 'started', 90_000)
    if (started.started !== p.piles) throw new Error(`${p.piles - started.started} of ${p.piles} sessions did not start (${started.denied} denied)`)

    // the kiosks' usual load runs through all three windows
    const visits = kiosks.ask<{ displaysInWindow: number, windowMs: number }>({ type: 'go', durationMs: 3 * p.windowMs + 10_000, warmupMs: 0, maxVisits: Number.MAX_SAFE_INTEGER, pauseMs: p.kioskPauseMs }, 'result', maxMs)
    const window = async (meterEveryMs: number | null): Promise<{ cpuMs: number, meters: number }> => {
      const before = cpuMs(server.pid)
      let meters = 0
      if (meterEveryMs == null) await new Promise(resolve => setTimeout(resolve, p.windowMs))
      else {
        const m = await piles.ask<{ sent: number, acked: number }>({ type: 'meter', everyMs: meterEveryMs, durationMs: p.windowMs }, 'metered', maxMs)
        if (m.acked !== m.sent) throw new Error(`${m.sent - m.acked} of ${m.sent} meter values were not acknowledged`)
        meters = m.acked
      }
      return { cpuMs: cpuMs(server.pid) - before, meters }
    }
    const base = await window(null)
    const slow = await window(30_000)
    const fast = await window(1000)
    const perMeter = (w: { cpuMs: number, meters: number }) => w.meters === 0 ? NaN : ((w.cpuMs - base.cpuMs) * 1000) / w.meters
    const v = await visits

    const stop = await piles.ask<Charging['stop'] & { stoppedByBackend: number }>({ type: 'stop-sessions', spreadMs: p.stopSpreadMs }, 'stopped', maxMs)
    const { settled } = await server.child.ask<{ settled: number }>({ type: 'charging-settled' }, 'charging-settled', 30_000)
    return {
      piles: p.piles,
      sessions: started.started,
      kioskVisitsPerS: v.displaysInWindow / (v.windowMs / 1000),
      cpuUsPerMeter30s: perMeter(slow),
      cpuUsPerMeter1s: perMeter(fast),
      meters30s: slow.meters,
      meters1s: fast.meters,
      stop,
      settled
    }
  } finally {
    await Promise.all([kiosks.stop(), piles.stop()])
    await server.child.stop()
  }
}
