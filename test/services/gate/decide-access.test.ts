// Table-driven tests of the online gate decision. Instants are written as
// UTC offsets by hand (Asia/Shanghai is +08:00 all year; Europe/Berlin is
// +01:00 in winter, +02:00 in summer), independent of the code under test.
import t from 'tap'
import { accessScheduleSchema, type AccessSchedule, type Direction } from '../../../schemas/gate.ts'
import type { LastPassage } from '../../../services/gate/anti-passback.ts'
import { decideAccess, type AccessQuery, type GateForDecision } from '../../../services/gate/decide-access.ts'
import type { Card, Household } from '../../../services/store/database.ts'

const aCard = (over: Partial<Card> = {}): Card => ({ uid: 'C1', household_id: 'h1', site_id: 's1', status: 'active', created_at_ms: 0, updated_at_ms: 0, ...over })
const aHousehold = (over: Partial<Household> = {}): Household => ({ id: 'h1', site_id: 's1', label: '1-1-101', status: 'active', balance_points: 0, held_points: 0, created_at_ms: 0, ...over })
const aGate = (over: Partial<GateForDecision> = {}): GateForDecision => ({
  site_id: 's1', status: 'active', directions: ['in', 'out'], zone: { id: 'z1', antiPassback: { mode: 'off', resetAfterMs: null } }, ...over
})
const shanghai = (local: string) => Date.parse(`${local}:00+08:00`)

function query (over: Partial<AccessQuery> = {}): AccessQuery {
  return {
    gate: aGate(),
    card: aCard(),
    household: aHousehold(),
    schedule: null,
    holidays: new Set(),
    direction: 'in',
    lastPassage: null,
    timeZone: 'Asia/Shanghai',
    nowMs: shanghai('2026-03-09T10:00'),
    ...over
  }
}

const outcome = (q: AccessQuery): string => {
  const d = decideAccess(q)
  return d.result === 'deny' ? d.reason : ['allow', ...d.flags].join('+')
}

t.test('card, household and gate', async t => {
  const cases: Array<[string, Partial<AccessQuery>, string]> = [
    ['active card of an active household', {}, 'allow'],
    ['unknown card', { card: undefined, household: undefined }, 'CARD_UNKNOWN'],
    ['unlinked card', { card: aCard({ status: 'unlinked', household_id: null }), household: undefined }, 'CARD_UNKNOWN'],
    ['lost card', { card: aCard({ status: 'lost' }) }, 'CARD_LOST'],
    ['blocked card', { card: aCard({ status: 'blocked' }) }, 'CARD_BLOCKED'],
    ['card of another site', { card: aCard({ site_id: 's2' }), household: aHousehold({ site_id: 's2' }) }, 'CARD_WRONG_SITE'],
    ['inactive household', { household: aHousehold({ status: 'inactive' }) }, 'HOUSEHOLD_INACTIVE'],
    ['disabled gate', { gate: aGate({ status: 'disabled' }) }, 'DEVICE_DISABLED'],
    ['entry-only gate, going out', { gate: aGate({ directions: ['in'] }), direction: 'out' }, 'DIRECTION_NOT_SERVED'],
    ['exit-only gate, going out', { gate: aGate({ directions: ['out'] }), direction: 'out' }, 'allow'],
    ['lost card at a gate it may not pass anyway: the card reason comes first', { card: aCard({ status: 'lost' }), gate: aGate({ directions: ['out'] }) }, 'CARD_LOST']
  ]
  for (const [name, over, expected] of cases) t.equal(outcome(query(over)), expected, name)
})

// A contractor, 3 to 27 March 2026: weekdays 08:00–12:00 and 13:00–18:00,
// Friday nights 22:00–02:00, Saturday mornings, 10:00–12:00 on holidays.
const contractor: AccessSchedule = accessScheduleSchema.parse({
  id: 'contractor',
  weekdays: {
    mon: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }],
    tue: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }],
    wed: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }],
    thu: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }],
    fri: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }, { from: '22:00', to: '02:00' }],
    sat: [{ from: '09:00', to: '11:00' }]
  },
  holidays: [{ from: '10:00', to: '12:00' }],
  dateRanges: [{ from: '2026-03-03', until: '2026-03-27' }]
})
const holidays = new Set(['2026-03-11', '2026-03-13']) // a Wednesday and a Friday

t.test('schedule: weekday periods, midnight crossing, holidays, date ranges (Asia/Shanghai)', async t => {
  const cases: Array<[string, string, string]> = [
    // weekday periods: start inclusive, end exclusive
    ['Mon 07:59, before the first period', '2026-03-09T07:59', 'OUTSIDE_SCHEDULE'],
    ['Mon 08:00, a period starts', '2026-03-09T08:00', 'allow'],
    ['Mon 11:59', '2026-03-09T11:59', 'allow'],
    ['Mon 12:00, the period ended', '2026-03-09T12:00', 'OUTSIDE_SCHEDULE'],
    ['Mon 12:30, between two periods', '2026-03-09T12:30', 'OUTSIDE_SCHEDULE'],
    ['Mon 13:00, the second period', '2026-03-09T13:00', 'allow'],
    ['Mon 17:59', '2026-03-09T17:59', 'allow'],
    ['Mon 18:00', '2026-03-09T18:00', 'OUTSIDE_SCHEDULE'],
    ['Sun 10:00, no periods on Sunday', '2026-03-08T10:00', 'OUTSIDE_SCHEDULE'],
    // a period crossing midnight belongs to the day it starts
    ['Fri 21:59, before the night period', '2026-03-06T21:59', 'OUTSIDE_SCHEDULE'],
    ['Fri 22:00, the night period starts', '2026-03-06T22:00', 'allow'],
    ['Fri 23:59', '2026-03-06T23:59', 'allow'],
    ['Sat 00:00, Friday night goes on', '2026-03-07T00:00', 'allow'],
    ['Sat 01:59', '2026-03-07T01:59', 'allow'],
    ['Sat 02:00, Friday night ended', '2026-03-07T02:00', 'OUTSIDE_SCHEDULE'],
    ['Sat 09:30, Saturday morning', '2026-03-07T09:30', 'allow'],
    ['Thu 23:30, no night period on Thursday', '2026-03-05T23:30', 'OUTSIDE_SCHEDULE'],
    ['Fri 01:00, Thursday has no night period to cross into Friday', '2026-03-06T01:00', 'OUTSIDE_SCHEDULE'],
    // holidays replace the weekday's periods, also for a night period that starts on one
    ['holiday Wed 09:00, a weekday period but a holiday', '2026-03-11T09:00', 'OUTSIDE_SCHEDULE'],
    ['holiday Wed 10:30, a holiday period', '2026-03-11T10:30', 'allow'],
    ['holiday Wed 12:00, the holiday period ended', '2026-03-11T12:00', 'OUTSIDE_SCHEDULE'],
    ['holiday Fri 23:30, no night period on a holiday', '2026-03-13T23:30', 'OUTSIDE_SCHEDULE'],
    ['Sat 01:00 after a holiday Friday', '2026-03-14T01:00', 'OUTSIDE_SCHEDULE'],
    ['Thu 10:30 before the holiday, the weekday rules', '2026-03-12T10:30', 'allow'],
    // date range: both bounds inclusive, by the day a period starts
    ['Mon 2 March 08:00, the day before the range', '2026-03-02T08:00', 'OUTSIDE_DATE_RANGE'],
    ['Mon 2 March 07:00, the day before the range, outside periods too', '2026-03-02T07:00', 'OUTSIDE_DATE_RANGE'],
    ['Tue 3 March 08:00, the first day', '2026-03-03T08:00', 'allow'],
    ['Tue 3 March 07:59, the first day, before its period', '2026-03-03T07:59', 'OUTSIDE_SCHEDULE'],
    ['Fri 27 March 23:59, the last day', '2026-03-27T23:59', 'allow'],
    ['Sat 28 March 01:00, the last day\'s night period', '2026-03-28T01:00', 'allow'],
    ['Sat 28 March 09:30, after the range', '2026-03-28T09:30', 'OUTSIDE_DATE_RANGE']
  ]
  for (const [name, local, expected] of cases) {
    t.equal(outcome(query({ schedule: contractor, holidays, nowMs: shanghai(local) })), expected, name)
  }
})

t.test('schedule: free exit and no schedule', async t => {
  const freeExit = { ...contractor, freeExit: true }
  const sunday3am = shanghai('2026-03-08T03:00')
  const april = shanghai('2026-04-06T03:00')
  const cases: Array<[string, Partial<AccessQuery>, string]> = [
    ['free exit: out at any time', { schedule: freeExit, direction: 'out', nowMs: sunday3am }, 'allow'],
    ['free exit: out after the date range', { schedule: freeExit, direction: 'out', nowMs: april }, 'allow'],
    ['free exit: in stays scheduled', { schedule: freeExit, direction: 'in', nowMs: sunday3am }, 'OUTSIDE_SCHEDULE'],
    ['no free exit: out is scheduled too', { schedule: contractor, direction: 'out', nowMs: sunday3am }, 'OUTSIDE_SCHEDULE'],
    ['no schedule: any time', { schedule: null, nowMs: sunday3am }, 'allow'],
    ['no schedule: on a holiday', { schedule: null, holidays, nowMs: shanghai('2026-03-11T03:00') }, 'allow']
  ]
  for (const [name, over, expected] of cases) t.equal(outcome(query(over)), expected, name)
  t.throws(() => decideAccess(query({ schedule: freeExit, timeZone: 'Mars/Olympus' })), RangeError, 'a time zone that does not exist is an error, not a decision')
})

t.test('time zones: Asia/Shanghai has no DST, Europe/Berlin has', async t => {
  const office = accessScheduleSchema.parse({
    id: 'office',
    weekdays: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map(d => [d, [{ from: '08:00', to: '18:00' }]])),
    holidays: []
  })
  const night = accessScheduleSchema.parse({ id: 'night', weekdays: { sat: [{ from: '22:00', to: '03:00' }] } })
  const cases: Array<[string, AccessSchedule, string, string, string]> = [
    // the same UTC time of day is the same local hour all year in Shanghai
    ['Shanghai winter 00:00Z = 08:00', office, 'Asia/Shanghai', '2026-01-05T00:00Z', 'allow'],
    ['Shanghai summer 00:00Z = 08:00', office, 'Asia/Shanghai', '2026-07-06T00:00Z', 'allow'],
    ['Shanghai 23:59Z = 07:59 next day', office, 'Asia/Shanghai', '2026-07-05T23:59Z', 'OUTSIDE_SCHEDULE'],
    // Berlin: 06:30Z is 07:30 in winter, 08:30 in summer
    ['Berlin winter 06:30Z = 07:30 CET', office, 'Europe/Berlin', '2026-03-22T06:30Z', 'OUTSIDE_SCHEDULE'],
    ['Berlin summer 06:30Z = 08:30 CEST', office, 'Europe/Berlin', '2026-03-29T06:30Z', 'allow'],
    ['Berlin summer 16:00Z = 18:00 CEST', office, 'Europe/Berlin', '2026-07-06T16:00Z', 'OUTSIDE_SCHEDULE'],
    // spring forward (29 March, 02:00 → 03:00): the night period loses an hour
    ['Berlin 00:59Z = 01:59 CET, before the switch', night, 'Europe/Berlin', '2026-03-29T00:59Z', 'allow'],
    ['Berlin 01:00Z = 03:00 CEST, the period ended', night, 'Europe/Berlin', '2026-03-29T01:00Z', 'OUTSIDE_SCHEDULE'],
    // fall back (25 October, 03:00 → 02:00): 02:30 happens twice, both inside
    ['Berlin 00:30Z = first 02:30 (CEST)', night, 'Europe/Berlin', '2026-10-25T00:30Z', 'allow'],
    ['Berlin 01:30Z = second 02:30 (CET)', night, 'Europe/Berlin', '2026-10-25T01:30Z', 'allow'],
    ['Berlin 02:00Z = 03:00 CET, the period ended', night, 'Europe/Berlin', '2026-10-25T02:00Z', 'OUTSIDE_SCHEDULE']
  ]
  for (const [name, schedule, timeZone, utc, expected] of cases) {
    t.equal(outcome(query({ schedule, timeZone, nowMs: Date.parse(utc) })), expected, name)
  }
})

t.test('anti-passback per zone: soft flags, hard denies, a timed reset forgets', async t => {
  const now = shanghai('2026-03-09T10:00')
  const hour = 3_600_000
  const zone = (mode: 'off' | 'soft' | 'hard', resetAfterMs: number | null = null) => aGate({ zone: { id: 'z1', antiPassback: { mode, resetAfterMs } } })
  const last = (direction: Direction, agoMs: number): LastPassage => ({ direction, atMs: now - agoMs })
  const cases: Array<[string, GateForDecision, LastPassage | null, Direction, string]> = [
    ['off: in twice', zone('off'), last('in', 60_000), 'in', 'allow'],
    ['soft: in twice is allowed and flagged', zone('soft'), last('in', 60_000), 'in', 'allow+ANTI_PASSBACK'],
    ['hard: in twice is denied', zone('hard'), last('in', 60_000), 'in', 'ANTI_PASSBACK'],
    ['hard: out twice is denied', zone('hard'), last('out', 60_000), 'out', 'ANTI_PASSBACK'],
    ['hard: in after out', zone('hard'), last('out', 60_000), 'in', 'allow'],
    ['hard: out after in', zone('hard'), last('in', 60_000), 'out', 'allow'],
    ['hard: first passage', zone('hard'), null, 'in', 'allow'],
    ['hard, 4 h reset: exactly 4 h later the state is forgotten', zone('hard', 4 * hour), last('in', 4 * hour), 'in', 'allow'],
    ['hard, 4 h reset: 1 ms before', zone('hard', 4 * hour), last('in', 4 * hour - 1), 'in', 'ANTI_PASSBACK'],
    ['soft, 4 h reset: after the reset, no flag', zone('soft', 4 * hour), last('in', 5 * hour), 'in', 'allow'],
    ['soft, 4 h reset: before the reset, flagged', zone('soft', 4 * hour), last('in', hour), 'in', 'allow+ANTI_PASSBACK'],
    ['hard, no reset: a day later still denied', zone('hard'), last('in', 24 * hour), 'in', 'ANTI_PASSBACK']
  ]
  for (const [name, gate, lastPassage, direction, expected] of cases) {
    t.equal(outcome(query({ gate, lastPassage, direction, nowMs: now })), expected, name)
  }
  // the schedule is checked before anti-passback: its reason is the one to act on
  t.equal(outcome(query({ gate: zone('hard'), lastPassage: last('in', 60_000), schedule: contractor, nowMs: shanghai('2026-03-08T10:00') })), 'OUTSIDE_SCHEDULE', 'outside the schedule and passback: schedule reason')
})
