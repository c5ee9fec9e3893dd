// Access schedules as staff type them: a day's periods as "08:00-12:00,
// 14:00-18:00", date ranges as "2026-03-01~2026-03-31", holidays as dates
// separated by spaces, commas or lines. Parsing only splits the text: the API
// checks the times and dates and its errors are shown next to the field, so
// the rules live in one place (schemas/gate.ts).
import type { AccessSchedule } from './api/types.ts'

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof weekdays)[number]
type Period = { from: string, to: string }

const tokens = (text: string) => text.split(/[\s,，;；、]+/).filter(s => s !== '')

/** "08:00-12:00, 14:00-18:00" → periods; a token without a dash is sent as it is and refused by the API. */
export function parsePeriods (text: string): Period[] {
  return tokens(text).map(token => {
    const [from = '', to = ''] = token.split(/[-–~]/)
    return { from, to }
  })
}

export const formatPeriods = (periods: readonly Period[] | undefined): string => (periods ?? []).map(p => `${p.from}-${p.to}`).join(', ')

export function parseDateRanges (text: string): Array<{ from: string, until: string }> {
  return tokens(text).map(token => {
    const [from = '', until = ''] = token.split(/~|\.\./)
    return { from, until }
  })
}

export const formatDateRanges = (ranges: ReadonlyArray<{ from: string, until: string }>): string => ranges.map(r => `${r.from}~${r.until}`).join(', ')

export const parseDates = (text: string): string[] => tokens(text)

/** The form's text fields of a schedule. */
export interface ScheduleText { id: string, days: Record<Weekday, string>, holidays: string, dateRanges: string, freeExit: boolean }

export function scheduleText (s: AccessSchedule): ScheduleText {
  return {
    id: s.id,
    days: Object.fromEntries(weekdays.map(d => [d, formatPeriods(s.weekdays[d])])) as Record<Weekday, string>,
    holidays: formatPeriods(s.holidays),
    dateRanges: formatDateRanges(s.dateRanges),
    freeExit: s.freeExit
  }
}

export const emptySchedule = (): ScheduleText => ({ id: '', days: Object.fromEntries(weekdays.map(d => [d, ''])) as Record<Weekday, string>, holidays: '', dateRanges: '', freeExit: false })

/** The PUT body (without the id, which is in the path); days left empty are left out (no access that day). */
export function scheduleBody (text: ScheduleText): Omit<AccessSchedule, 'id'> {
  const days = weekdays.filter(d => text.days[d].trim() !== '').map(d => [d, parsePeriods(text.days[d])])
  return { weekdays: Object.fromEntries(days) as AccessSchedule['weekdays'], holidays: parsePeriods(text.holidays), dateRanges: parseDateRanges(text.dateRanges), freeExit: text.freeExit }
}
