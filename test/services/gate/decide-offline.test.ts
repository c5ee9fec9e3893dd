// What a gate decides alone from its allow-list: cards by keyed hash and
// schedule, passes by signature, and nothing time-bound without a synced clock.
import t from 'tap'
import { accessScheduleSchema, type AllowList, type Credential, type Direction } from '../../../schemas/gate.ts'
import { applyAllowListDelta, diffAllowLists } from '../../../services/gate/allow-list-delta.ts'
import { buildAllowList, type AllowListCard, type AllowListSource } from '../../../services/gate/allow-list.ts'
import { offlineDecider, type OfflineRequest } from '../../../services/gate/decide-offline.ts'
import { generateSiteKey, issuePass } from '../../../services/gate/visitor-pass.ts'

const salt = Buffer.alloc(16, 0x5a)
const shanghai = (local: string) => Date.parse(`${local}:00+08:00`)
const monday10 = shanghai('2026-03-09T10:00')
const key = generateSiteKey('s1-k1')
const strangerKey = generateSiteKey('s1-k0')
const daytime = accessScheduleSchema.parse({ id: 'daytime', weekdays: { mon: [{ from: '08:00', to: '18:00' }], wed: [{ from: '08:00', to: '18:00' }] }, freeExit: true })

const aCard = (uid: string, over: Partial<AllowListCard> = {}): AllowListCard =>
  ({ uid, siteId: 's1', status: 'active', householdId: 'h1', householdActive: true, scheduleId: null, ...over })
const source = (over: Partial<AllowListSource> = {}): AllowListSource => ({
  siteId: 's1',
  version: 7,
  timeZone: 'Asia/Shanghai',
  salt,
  holidays: ['2026-03-11'],
  schedules: [daytime],
  cards: [aCard('RESIDENT'), aCard('CLEANER', { scheduleId: 'daytime' }), aCard('LOST', { status: 'lost' })],
  passKeys: [key.publicKey],
  revokedPasses: [{ passId: 'vp-revoked', validUntilMs: monday10 + 86_400_000 }],
  nowMs: monday10,
  ...over
})
const list = buildAllowList(source())

const pass = (passId = 'vp-1', signer = key, gates = ['gate-1']) =>
  issuePass({ site: 's1', passId, gates, validFromMs: shanghai('2026-03-09T09:00'), validUntilMs: shanghai('2026-03-09T12:00'), maxUses: 1 }, signer)
const card = (uid: string): Credential => ({ kind: 'card', card: uid })
const qr = (text: string): Credential => ({ kind: 'pass', qr: text })

function decide (credential: Credential, over: Partial<OfflineRequest> = {}, gateList: AllowList = list, directions: Direction[] = ['in', 'out']) {
  const d = offlineDecider({ gateId: 'gate-1', directions, list: gateList, salt })({ credential, direction: 'in', clockSynced: true, nowMs: monday10, passUsesBefore: 0, ...over })
  return d.result === 'allow' ? 'allow' : d.reason
}

t.test('offline decisions', async t => {
  const cases: Array<[string, () => string, string]> = [
    ['resident, no schedule', () => decide(card('RESIDENT')), 'allow'],
    ['resident with an unsynced clock: not time-bound', () => decide(card('RESIDENT'), { clockSynced: false }), 'allow'],
    ['a card the list does not hold', () => decide(card('STRANGER')), 'NOT_IN_ALLOW_LIST'],
    ['a lost card is not in the list', () => decide(card('LOST')), 'NOT_IN_ALLOW_LIST'],
    ['cleaner within the schedule', () => decide(card('CLEANER')), 'allow'],
    ['cleaner at night', () => decide(card('CLEANER'), { nowMs: shanghai('2026-03-09T22:00') }), 'OUTSIDE_SCHEDULE'],
    ['cleaner on the site holiday from the list', () => decide(card('CLEANER'), { nowMs: shanghai('2026-03-11T10:00') }), 'OUTSIDE_SCHEDULE'],
    ['cleaner, unsynced clock: time-bound, denied', () => decide(card('CLEANER'), { clockSynced: false }), 'CLOCK_UNTRUSTED'],
    ['cleaner going out, unsynced clock: free exit needs no time', () => decide(card('CLEANER'), { clockSynced: false, direction: 'out' }), 'allow'],
    ['entry-only gate, going out', () => decide(card('RESIDENT'), { direction: 'out' }, list, ['in']), 'DIRECTION_NOT_SERVED'],
    ['pass', () => decide(qr(pass())), 'allow'],
    ['pass used up', () => decide(qr(pass()), { passUsesBefore: 1 }), 'EXHAUSTED'],
    ['pass revoked in the list', () => decide(qr(pass('vp-revoked'))), 'REVOKED'],
    ['pass, unsynced clock', () => decide(qr(pass()), { clockSynced: false }), 'CLOCK_UNTRUSTED'],
    ['pass after its end by the gate clock', () => decide(qr(pass()), { nowMs: shanghai('2026-03-09T12:00') }), 'EXPIRED'],
    ['pass for another gate', () => decide(qr(pass('vp-1', key, ['gate-2']))), 'WRONG_GATE'],
    ['pass signed with a key the list does not carry', () => decide(qr(pass('vp-1', strangerKey))), 'UNKNOWN_KEY'],
    ['a QR that is no pass', () => decide(qr('WIFI:S:guest;;')), 'FORGED']
  ]
  for (const [name, run, expected] of cases) t.equal(run(), expected, name)
})

t.test('a card blocked online stops opening offline gates once they apply the delta', async t => {
  const next = buildAllowList(source({ version: 8, cards: [aCard('RESIDENT', { status: 'blocked' }), aCard('CLEANER', { scheduleId: 'daytime' })] }))
  const applied = applyAllowListDelta(list, diffAllowLists(list, next))
  t.ok(applied.ok)
  t.equal(decide(card('RESIDENT'), {}, applied.ok ? applied.list : list), 'NOT_IN_ALLOW_LIST')
  t.equal(decide(card('RESIDENT'), {}, list), 'allow', 'the gate still at version 7 lets it in: propagation is what closes it')
})

t.test('a gate with another salt finds no card, and a broken schedule index fails closed', async t => {
  const decideWithSalt = offlineDecider({ gateId: 'gate-1', directions: ['in'], list, salt: Buffer.alloc(16, 1) })
  t.same(decideWithSalt({ credential: card('RESIDENT'), direction: 'in', clockSynced: true, nowMs: monday10, passUsesBefore: 0 }), { result: 'deny', reason: 'NOT_IN_ALLOW_LIST' })
  const broken: AllowList = { ...list, schedules: [] }
  t.equal(decide(card('CLEANER'), {}, broken), 'NOT_IN_ALLOW_LIST')
})
