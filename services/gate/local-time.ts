// Site-local wall time of an instant, from the IANA time zone database
// (Intl), so daylight saving time is handled where a site has it.
import type { WeekdayKey } from '../../schemas/gate.ts'

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string
  /** Minutes since local midnight, 0–1439. */
  minute: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter (timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f == null) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, f)
  }
  return f
}

export function localTime (atMs: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {}
  for (const p of formatter(timeZone).formatToParts(atMs)) parts[p.type] = p.value
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) }
}

// Calendar arithmetic on dates alone: no time zone is involved.
const weekdayByUtcDay: readonly WeekdayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

export function weekdayOf (date: string): WeekdayKey {
  return weekdayByUtcDay[new Date(`${date}T00:00:00Z`).getUTCDay()] as WeekdayKey
}

export function previousDate (date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
}

/** `HH:MM` (or `24:00`) → minutes since midnight. */
export function minutesOf (clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))
}
