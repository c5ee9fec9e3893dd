// Pure rule: does a card's access schedule admit it now? Periods are
// site-local wall time. A period that crosses midnight (22:00–02:00) belongs
// to the day it starts: that day's weekday, holiday status and date ranges
// decide it, also for its hours after midnight. On a day that is a site
// holiday the schedule's `holidays` periods replace the weekday's.
import type { AccessSchedule, Direction, Period } from '../../schemas/gate.ts'
import { localTime, minutesOf, previousDate, weekdayOf } from './local-time.ts'

export type ScheduleRefusal = 'OUTSIDE_DATE_RANGE' | 'OUTSIDE_SCHEDULE'

interface ScheduleQuery {
  schedule: AccessSchedule
  holidays: ReadonlySet<string>
  direction: Direction
  timeZone: string
  nowMs: number
}

function inDateRanges (schedule: AccessSchedule, date: string): boolean {
  return schedule.dateRanges.length === 0 || schedule.dateRanges.some(r => r.from <= date && date <= r.until)
}

function periodsOn (schedule: AccessSchedule, holidays: ReadonlySet<string>, date: string): readonly Period[] {
  return holidays.has(date) ? schedule.holidays : schedule.weekdays[weekdayOf(date)] ?? []
}

const crossesMidnight = (p: Period) => minutesOf(p.to) <= minutesOf(p.from)

/** Whether a period of `day` covers `minute` of the same day (`sameDay`) or of the next day. */
function covers (p: Period, minute: number, sameDay: boolean): boolean {
  const from = minutesOf(p.from)
  const to = minutesOf(p.to)
  if (!sameDay) return crossesMidnight(p) && minute < to
  return crossesMidnight(p) ? minute >= from : from <= minute && minute < to
}

/** null when admitted, otherwise why not. */
export function checkSchedule ({ schedule, holidays, direction, timeZone, nowMs }: ScheduleQuery): ScheduleRefusal | null {
  if (schedule.freeExit && direction === 'out') return null
  const now = localTime(nowMs, timeZone)
  const shifts = [{ day: now.date, sameDay: true }, { day: previousDate(now.date), sameDay: false }]
  const admitted = shifts.some(({ day, sameDay }) =>
    inDateRanges(schedule, day) && periodsOn(schedule, holidays, day).some(p => covers(p, now.minute, sameDay)))
  if (admitted) return null
  return inDateRanges(schedule, now.date) ? 'OUTSIDE_SCHEDULE' : 'OUTSIDE_DATE_RANGE'
}
