// The settings page's and the revoke list's pure rules: the API's validation
// issues placed at their field (longest path wins, bounds said in words, the
// field's hint otherwise), schedules as staff type them, and a visitor pass's
// state in the order the gates decide.
import t from 'tap'
import { ApiError } from '../../web/src/api/client.ts'
import { placeIssues, validationIssues } from '../../web/src/field-errors.ts'
import { passStatus, passStatuses, revocable } from '../../web/src/pass-status.ts'
import { emptySchedule, parseDates, parsePeriods, scheduleBody, scheduleText } from '../../web/src/schedule-text.ts'

t.test('validationIssues: only a VALIDATION_FAILED with issues', async t => {
  const issues = [{ in: 'body', path: '/dailyCapPoints', code: 'too_big', message: 'Too big', maximum: 10_000_000 }]
  t.same(validationIssues(new ApiError(400, 'VALIDATION_FAILED', 'body/dailyCapPoints: Too big', issues)), issues)
  t.same(validationIssues(new ApiError(400, 'VALIDATION_FAILED', 'holdDefaultPoints must not exceed holdMaxPoints')), [], 'no details')
  t.same(validationIssues(new ApiError(409, 'CONFLICT', 'taken', [{ path: '/x', code: 'custom' }])), [], 'another code')
  t.same(validationIssues(new Error('network')), [])
})

t.test('placeIssues: the field with the longest path that holds the issue', async t => {
  const fields = { '/rates/paper': 'fieldError.wholeNumber', '/rates': 'x.rates', '/holidays': 'settings.hint.dates', '/weekdays/mon': 'settings.hint.periods' }
  const cases: Array<{ name: string, issue: { path: string, code: string, minimum?: number, maximum?: number }, field?: string, message: { key: string, values: Record<string, number> } }> = [
    { name: 'a number above its bound', issue: { path: '/rates/paper/pointsPerKg', code: 'too_big', maximum: 10_000 }, field: '/rates/paper', message: { key: 'fieldError.tooBig', values: { maximum: 10_000 } } },
    { name: 'a number below its bound', issue: { path: '/rates/paper/pointsPerKg', code: 'too_small', minimum: 0 }, field: '/rates/paper', message: { key: 'fieldError.tooSmall', values: { minimum: 0 } } },
    { name: 'a list too long has no bound: the hint', issue: { path: '/weekdays/mon', code: 'too_big' }, field: '/weekdays/mon', message: { key: 'settings.hint.periods', values: {} } },
    { name: 'an item of a list', issue: { path: '/holidays/1', code: 'custom' }, field: '/holidays', message: { key: 'settings.hint.dates', values: {} } },
    { name: 'a shorter field', issue: { path: '/rates/glass', code: 'invalid_type' }, field: '/rates', message: { key: 'x.rates', values: {} } },
    { name: 'a path that only starts alike is not inside', issue: { path: '/holidaysExtra', code: 'custom' }, message: { key: 'fieldError.invalid', values: {} } },
    { name: 'the body as a whole', issue: { path: '/', code: 'unrecognized_keys' }, message: { key: 'fieldError.invalid', values: {} } }
  ]
  for (const c of cases) {
    const placed = placeIssues([c.issue], fields)
    if (c.field == null) t.same(placed, { byField: {}, unplaced: [c.message] }, c.name)
    else t.same(placed, { byField: { [c.field]: c.message }, unplaced: [] }, c.name)
  }
  const two = placeIssues([{ path: '/holidays/0', code: 'custom' }, { path: '/holidays/3', code: 'invalid_format' }], fields)
  t.same(Object.keys(two.byField), ['/holidays'], 'the first issue of a field wins')
})

t.test('periods, dates and schedules as typed', async t => {
  t.same(parsePeriods('08:00-12:00, 14:00–18:00，22:00~02:00'), [{ from: '08:00', to: '12:00' }, { from: '14:00', to: '18:00' }, { from: '22:00', to: '02:00' }])
  t.same(parsePeriods(' '), [])
  t.same(parsePeriods('8am'), [{ from: '8am', to: '' }], 'sent as typed: the API refuses it at the field')
  t.same(parseDates('2026-10-01\n2026-10-02, 2026-10-03'), ['2026-10-01', '2026-10-02', '2026-10-03'])
  const schedule = { id: 'contractor', weekdays: { mon: [{ from: '08:00', to: '18:00' }], sat: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }] }, holidays: [], dateRanges: [{ from: '2026-03-01', until: '2026-03-31' }], freeExit: true }
  const text = scheduleText(schedule)
  t.same(text.days, { mon: '08:00-18:00', tue: '', wed: '', thu: '', fri: '', sat: '09:00-12:00, 13:00-17:00', sun: '' })
  t.equal(text.dateRanges, '2026-03-01~2026-03-31')
  const { id: _id, ...body } = schedule
  t.same(scheduleBody(text), body, 'text and back: the same schedule, empty days left out')
  t.same(scheduleBody(emptySchedule()), { weekdays: {}, holidays: [], dateRanges: [], freeExit: false })
})

t.test('passStatus: revoked, then the window, then the uses', async t => {
  const now = 1_000_000
  const pass = { revokedAtMs: null as number | null, uses: 0, maxUses: 2, validFromMs: now - 1000, validUntilMs: now + 1000 }
  const cases: Array<[string, Partial<typeof pass>, string]> = [
    ['usable', {}, 'active'],
    ['revoked wins over everything', { revokedAtMs: now - 1, uses: 2, validUntilMs: now - 1 }, 'revoked'],
    ['not yet valid', { validFromMs: now + 1 }, 'notYetValid'],
    ['expired at its end (exclusive)', { validUntilMs: now }, 'expired'],
    ['expired before used up', { validUntilMs: now - 1, uses: 2 }, 'expired'],
    ['used up', { uses: 2 }, 'usedUp']
  ]
  for (const [name, over, status] of cases) t.equal(passStatus({ ...pass, ...over }, now), status, name)
  t.same(passStatuses.filter(revocable), ['active', 'notYetValid'], 'only a pass that may still open a gate is revoked')
})
