// Report periods in a site's local calendar: a day (YYYY-MM-DD) or a month
// (YYYY-MM) → its local days and the instants where it starts and ends.
export type Period = { kind: 'day', day: string } | { kind: 'month', month: string }

/** Every local day of the period, in order. */
export function daysOf (period: Period): string[] {
  if (period.kind === 'day') return [period.day]
  const [y, m] = period.month.split('-').map(Number) as [number, number]
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return Array.from({ length: count }, (_, i) => `${period.month}-${String(i + 1).padStart(2, '0')}`)
}

/** The day after `day` (calendar arithmetic, no time zone involved). */
export function nextDay (day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>()

/** The zone's offset from UTC at `atMs`, in ms (e.g. +8 h for Asia/Shanghai). */
export function zoneOffsetMs (atMs: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone)
  if (f == null) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    offsetFormatters.set(timeZone, f)
  }
  const name = f.formatToParts(atMs).find(p => p.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name)
  if (match == null) return 0
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600_000 + Number(match[3] ?? 0) * 60_000)
}

/** The instant a local day begins in the zone (midnight; a second pass settles a DST change). */
export function dayStartMs (day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const utcMidnight = Date.UTC(y, m - 1, d)
  const guess = utcMidnight - zoneOffsetMs(utcMidnight, timeZone)
  return utcMidnight - zoneOffsetMs(guess, timeZone)
}

/** [start, end) of the period in the zone. */
export function periodBoundsMs (period: Period, timeZone: string): { startMs: number, endMs: number, firstDay: string, lastDay: string } {
  const days = daysOf(period)
  const firstDay = days[0] ?? ''
  const lastDay = days[days.length - 1] ?? ''
  return { startMs: dayStartMs(firstDay, timeZone), endMs: dayStartMs(nextDay(lastDay), timeZone), firstDay, lastDay }
}
