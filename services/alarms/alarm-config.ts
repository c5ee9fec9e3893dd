// The alarm settings in one zod schema with defaults and the checks that the
// pure rules assume (a clear mark below its raise mark, escalation levels in
// order, positive periods). services/config.ts can embed it when the sweep is
// wired in; until then tests and callers parse with it.
import { z } from 'zod'

const minute = 60_000
const positiveMs = z.number().int().min(1000)
const pct = z.number().min(0).max(100)

export const alarmConfigSchema = z.object({
  offline: z.object({ offlineAfterMs: positiveMs.default(10 * minute) }).prefault({}),
  binFull: z.object({ fullPct: pct.default(90), clearBelowPct: pct.default(80) }).prefault({})
    .refine(c => c.clearBelowPct <= c.fullPct, { message: 'clearBelowPct must not be above fullPct', path: ['clearBelowPct'] }),
  noDeposits: z.object({
    quietMs: positiveMs.default(24 * 60 * minute),
    busyAveragePerDay: z.number().min(0).default(20),
    minHistoryDays: z.number().int().min(1).max(90).default(7)
  }).prefault({}),
  deniedSwipes: z.object({
    windowMs: positiveMs.default(10 * minute),
    perCard: z.number().int().min(1).default(5),
    perGate: z.number().int().min(1).default(20)
  }).prefault({}),
  outboxNearFull: z.object({ raisePct: pct.default(80), clearBelowPct: pct.default(70) }).prefault({})
    .refine(c => c.clearBelowPct <= c.raisePct, { message: 'clearBelowPct must not be above raisePct', path: ['clearBelowPct'] }),
  escalation: z.object({
    notify: z.string().min(1).default('site-staff'),
    reminderEveryMs: positiveMs.default(15 * minute),
    levels: z.array(z.object({ afterMs: positiveMs, notify: z.string().min(1) })).max(10)
      .default([{ afterMs: 30 * minute, notify: 'site-manager' }, { afterMs: 120 * minute, notify: 'operator' }])
      .refine(levels => levels.every((l, i) => i === 0 || l.afterMs > (levels[i - 1]?.afterMs ?? 0)), 'escalation levels must come later one after another')
  }).prefault({}),
  flood: z.object({
    windowMs: positiveMs.default(10 * minute),
    raiseAbove: z.number().int().min(1).default(10),
    clearAtOrBelow: z.number().int().min(0).default(5)
  }).prefault({})
    .refine(c => c.clearAtOrBelow < c.raiseAbove, { message: 'clearAtOrBelow must be below raiseAbove', path: ['clearAtOrBelow'] })
})

export type AlarmConfig = z.infer<typeof alarmConfigSchema>

/** Parses alarm settings (missing ones take their defaults); throws a readable error on bad ones. */
export function parseAlarmConfig (input: unknown = {}): AlarmConfig {
  const parsed = alarmConfigSchema.safeParse(input)
  if (!parsed.success) throw new Error(`bad alarm settings:\n${z.prettifyError(parsed.error)}`)
  return parsed.data
}
