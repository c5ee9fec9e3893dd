// GET /api/sites/:siteId/access-log and its CSV twin, on both stores: every
// filter, cursor paging that returns each row exactly once, CSV quoting and
// formula neutralising, roles and site scope.
import t from 'tap'
import { recordAccess, type NewAccessLogRow } from '../../../services/gate/access-log.ts'
import { csvField } from '../../../services/gate/access-log-csv.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const T0 = 1_773_021_600_000

t.test('csv fields: quoted when needed, formulas neutralised', async t => {
  const cases: Array<[string | number | null, string]> = [
    [null, ''], [42, '42'], ['plain', 'plain'], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['line\nbreak', '"line\nbreak"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'], ['+1', "'+1"], ['-2', "'-2"], ['@cmd', "'@cmd"]
  ]
  for (const [input, expected] of cases) t.equal(csvField(input), expected, JSON.stringify(input))
})

const store = onEachStore(t)

store.test('filters, cursor paging, CSV, roles', async t => {
  const h = await harness(t)
  const north = await aGate(h.db, h.siteId)
  const south = await aGate(h.db, h.siteId)
  const foreign = await aGate(h.db, h.otherSiteId)
  const a = await aHouseholdWithCard(h.db, h.siteId)
  const b = await aHouseholdWithCard(h.db, h.siteId)
  const row = (i: number, extra: Partial<NewAccessLogRow>): NewAccessLogRow => ({
    site_id: h.siteId, gate_id: north.device.id, event_id: `e${i}`, at_ms: T0 + i * 1000, received_at_ms: T0 + i * 1000, mode: 'online', credential_kind: 'card',
    card_uid: a.card.uid, household_id: a.household.id, direction: 'in', reader: 0, decision: 'allow', ...extra
  })
  // 12 rows at the site: 4 per (gate, card) mix; two share a time (paging must still give each once)
  const rows = [
    ...Array.from({ length: 6 }, (_, i) => row(i, {})),
    ...Array.from({ length: 4 }, (_, i) => row(10 + i, { gate_id: south.device.id, card_uid: b.card.uid, household_id: b.household.id, decision: 'deny', reason: 'OUTSIDE_SCHEDULE' })),
    row(20, { mode: 'offline', at_ms: T0 + 5000, allow_list_version: 3, clock_synced: 0, note: 'x' }),
    row(21, { mode: 'remote', credential_kind: 'staff', card_uid: null, household_id: null, staff_id: 'st1', note: '=cmd,"quoted"', direction: null })
  ]
  for (const r of rows) t.ok(await recordAccess(h.db, r))
  t.notOk(await recordAccess(h.db, rows[0]!), 'the same gate event enters once')
  await recordAccess(h.db, { ...row(30, {}), site_id: h.otherSiteId, gate_id: foreign.device.id })

  const get = async (query: string) => {
    const res = await h.manager.call('GET', `/api/sites/${h.siteId}/access-log${query}`)
    t.equal(res.statusCode, 200, query)
    return res.json() as { entries: Array<Record<string, unknown>>, nextCursor: string | null }
  }
  t.equal((await get('')).entries.length, 12, 'only this site')
  t.same((await get(`?gateId=${south.device.id}`)).entries.map(e => e.eventId), ['e13', 'e12', 'e11', 'e10'])
  t.same((await get(`?card=${b.card.uid}&decision=deny`)).entries.length, 4)
  t.same((await get(`?householdId=${a.household.id}&decision=deny`)).entries.length, 0)
  t.same((await get('?mode=offline')).entries.map(e => e.eventId), ['e20'])
  t.same((await get(`?from=${T0 + 2000}&until=${T0 + 5000}`)).entries.map(e => e.eventId), ['e4', 'e3', 'e2'], 'from inclusive, until exclusive')
  const remote = (await get('?mode=remote')).entries[0]
  t.match(remote, { credential: 'staff', staffId: 'st1', note: '=cmd,"quoted"', card: null, direction: null, flags: [] })

  const seen: unknown[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const page = await get(`?limit=5${cursor == null ? '' : `&cursor=${cursor}`}`)
    seen.push(...page.entries.map(e => e.eventId))
    cursor = page.nextCursor
    pages++
  } while (cursor != null)
  t.equal(pages, 3)
  t.same(seen, (await get('?limit=500')).entries.map(e => e.eventId), 'pages join up to the whole log, each row once, newest first')
  t.equal(new Set(seen).size, 12)

  const bad = await h.manager.call('GET', `/api/sites/${h.siteId}/access-log?cursor=nonsense`)
  t.equal(bad.statusCode, 400)
  t.equal(errorCode(bad), 'VALIDATION_FAILED')
  t.equal((await h.counter.call('GET', `/api/sites/${h.siteId}/access-log`)).statusCode, 403, 'counter staff do not read the access log')
  t.equal((await h.otherManager.call('GET', `/api/sites/${h.siteId}/access-log`)).statusCode, 403, 'nor managers of another site')

  const csv = await h.manager.call('GET', `/api/sites/${h.siteId}/access-log.csv?mode=remote`)
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], /^text\/csv/)
  const lines = csv.body.split('\r\n')
  t.equal(lines[0], 'time_utc,at_ms,site,gate,mode,credential,card,household,pass,staff,direction,reader,decision,reason,flags,note,event_id,allow_list_version,clock_synced,request_event_id')
  t.equal(lines[1], `${new Date(T0 + 21_000).toISOString()},${T0 + 21_000},${h.siteId},${north.device.id},remote,staff,,,,st1,,0,allow,,,"'=cmd,""quoted""",e21,,,`)
  t.equal(lines.length, 3, 'header, one row, final CRLF')
  const all = await h.manager.call('GET', `/api/sites/${h.siteId}/access-log.csv`)
  t.equal(all.body.split('\r\n').length - 2, 12, 'all rows, streamed across pages')
})
