// The offline allow-list: which cards it holds, keyed card hashes, versions,
// differential updates that reproduce the target exactly, the binary flash
// image and its size for 3,000 households × 2 cards.
import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import t from 'tap'
import { accessScheduleSchema, allowListDeltaSchema, allowListFullCommandSchema, type AllowList } from '../../../schemas/gate.ts'
import { applyAllowListDelta, diffAllowLists } from '../../../services/gate/allow-list-delta.ts'
import { decodeAllowList, encodeAllowList } from '../../../services/gate/allow-list-image.ts'
import { buildAllowList, hashCard, type AllowListCard, type AllowListSource } from '../../../services/gate/allow-list.ts'

const salt = Buffer.from('5e1f0c2d9a8b7e6f5e1f0c2d9a8b7e6f', 'hex')
const nowMs = Date.parse('2026-03-09T02:00:00Z')
const contractor = accessScheduleSchema.parse({ id: 'contractor', weekdays: { mon: [{ from: '08:00', to: '18:00' }] } })
const cleaner = accessScheduleSchema.parse({ id: 'cleaner', weekdays: { sat: [{ from: '06:00', to: '09:00' }] } })
const passKey = { kid: 'k1', publicKey: 'A'.repeat(43) }

const aCard = (uid: string, over: Partial<AllowListCard> = {}): AllowListCard =>
  ({ uid, siteId: 's1', status: 'active', householdId: 'h1', householdActive: true, scheduleId: null, ...over })

function source (over: Partial<AllowListSource> = {}): AllowListSource {
  return { siteId: 's1', version: 1, timeZone: 'Asia/Shanghai', salt, holidays: [], schedules: [contractor, cleaner], cards: [], passKeys: [passKey], revokedPasses: [], nowMs, ...over }
}

t.test('card hash: HMAC-SHA256 under the site salt, first 8 bytes in hex', async t => {
  const documented = createHmac('sha256', salt).update('CARD0001').digest('hex').slice(0, 16)
  t.equal(hashCard(salt, 'CARD0001'), documented, 'as docs/gate.md describes it')
  t.match(hashCard(salt, 'CARD0001'), /^[0-9a-f]{16}$/)
  t.not(hashCard(Buffer.alloc(16, 1), 'CARD0001'), hashCard(salt, 'CARD0001'), 'another site, another hash')
  t.not(hashCard(salt, 'CARD0002'), hashCard(salt, 'CARD0001'))
})

t.test('which cards a gate may let in offline', async t => {
  const cases: Array<[string, AllowListCard, boolean]> = [
    ['active card of an active household', aCard('A'), true],
    ['lost card', aCard('A', { status: 'lost' }), false],
    ['blocked card', aCard('A', { status: 'blocked' }), false],
    ['unlinked card', aCard('A', { status: 'unlinked', householdId: null }), false],
    ['inactive household', aCard('A', { householdActive: false }), false],
    ['card of another site', aCard('A', { siteId: 's2' }), false]
  ]
  for (const [name, card, listed] of cases) {
    t.same(buildAllowList(source({ cards: [card] })).entries.map(e => e.cardHash), listed ? [hashCard(salt, 'A')] : [], name)
  }
})

t.test('a built list: schedules by index, sorted entries, bounded revocations', async t => {
  const list = buildAllowList(source({
    cards: [aCard('A'), aCard('B', { scheduleId: 'contractor' }), aCard('C', { scheduleId: 'cleaner' })],
    holidays: ['2026-05-01', '2026-01-01', '2026-05-01'],
    revokedPasses: [
      { passId: 'p9', validUntilMs: nowMs + 1 },
      { passId: 'p1', validUntilMs: nowMs + 86_400_000 },
      { passId: 'p1', validUntilMs: nowMs + 86_400_000 },
      { passId: 'p-old', validUntilMs: nowMs } // already over: refused as EXPIRED anyway
    ]
  }))
  t.same(list.schedules.map(s => s.id), ['cleaner', 'contractor'], 'schedules sorted by id')
  const scheduleOf = (uid: string) => list.entries.find(e => e.cardHash === hashCard(salt, uid))?.schedule
  t.same([scheduleOf('A'), scheduleOf('B'), scheduleOf('C')], [0, 2, 1], '0 = no limit, n = schedules[n - 1]')
  t.same(list.entries.map(e => e.cardHash), list.entries.map(e => e.cardHash).sort(), 'entries ascending by hash')
  t.same(list.holidays, ['2026-01-01', '2026-05-01'])
  t.same(list.revokedPasses, ['p1', 'p9'])
  t.equal(list.version, 1)
  t.same(buildAllowList(source({ cards: [aCard('C'), aCard('A')] })), buildAllowList(source({ cards: [aCard('A'), aCard('C')] })), 'the input order does not matter')
})

t.test('bad input is refused with a clear error', async t => {
  const cases: Array<[string, Partial<AllowListSource>, RegExp]> = [
    ['version 0', { version: 0 }, /version must be a positive integer/],
    ['fractional version', { version: 1.5 }, /version must be a positive integer/],
    ['short salt', { salt: Buffer.alloc(15) }, /salt must be at least 16 bytes/],
    ['unknown schedule', { cards: [aCard('A', { scheduleId: 'nope' })] }, /unknown schedule: nope/],
    ['a card twice', { cards: [aCard('A'), aCard('A')] }, /two cards share a hash/],
    ['two schedules with one id', { schedules: [contractor, contractor] }, /two schedules share an id/],
    ['no such holiday', { holidays: ['2026-02-30'] }, /would break the contract: holidays.0: no such date/],
    ['too many revoked passes', { revokedPasses: Array.from({ length: 2_001 }, (_, i) => ({ passId: `p${i}`, validUntilMs: nowMs + 1 })) }, /revokedPasses: Too big/],
    ['a bad key', { passKeys: [{ kid: 'k1', publicKey: 'short' }] }, /passKeys.0.publicKey/]
  ]
  for (const [name, over, message] of cases) t.throws(() => buildAllowList(source(over)), { name: 'AllowListError', message }, name)
  t.notMatch(t.throws(() => buildAllowList(source({ cards: [aCard('SECRET42'), aCard('SECRET42')] }))), /SECRET42/, 'the card number stays out of the message')
})

t.test('a delta carries what changed and reproduces the target exactly', async t => {
  const v1 = buildAllowList(source({ cards: [aCard('A'), aCard('B'), aCard('C', { scheduleId: 'cleaner' })] }))
  const v2 = buildAllowList(source({
    version: 2,
    cards: [aCard('A'), aCard('B', { status: 'lost' }), aCard('C', { scheduleId: 'contractor' }), aCard('D')],
    holidays: ['2026-05-01'],
    revokedPasses: [{ passId: 'p1', validUntilMs: nowMs + 1000 }]
  }))
  const delta = diffAllowLists(v1, v2)
  t.same(delta.added, [{ cardHash: hashCard(salt, 'D'), schedule: 0 }])
  t.same(delta.removed, [hashCard(salt, 'B')])
  t.same(delta.changed, [{ cardHash: hashCard(salt, 'C'), schedule: 2 }])
  t.same(delta.header, { holidays: ['2026-05-01'], revokedPasses: ['p1'] }, 'only the header parts that changed')
  t.same({ baseVersion: delta.baseVersion, version: delta.version }, { baseVersion: 1, version: 2 })
  t.ok(allowListDeltaSchema.safeParse(delta).success, 'the delta is a valid contract payload')
  t.same(applyAllowListDelta(v1, delta), { ok: true, list: v2 })

  const v3 = { ...v2, version: 3 }
  t.same(diffAllowLists(v2, v3), { siteId: 's1', baseVersion: 2, version: 3, added: [], changed: [], removed: [], header: {} }, 'nothing changed: an empty delta')
})

t.test('a gate not at the base version, or whose list disagrees, needs the full list', async t => {
  const v1 = buildAllowList(source({ cards: [aCard('A'), aCard('B')] }))
  const v2 = buildAllowList(source({ version: 2, cards: [aCard('A'), aCard('C')] }))
  const delta = diffAllowLists(v1, v2)
  const cases: Array<[string, AllowList, typeof delta, RegExp]> = [
    ['gate at another version', { ...v1, version: 5 }, delta, /delta from version 1, list at 5/],
    ['gate of another site', { ...v1, siteId: 's2' }, delta, /delta for site s1, list of s2/],
    ['removed card not held', { ...v1, entries: v1.entries.filter(e => e.cardHash !== hashCard(salt, 'B')) }, delta, /removed card [0-9a-f]{16} is not in the list/],
    ['added card already held', { ...v1, entries: [...v1.entries, { cardHash: hashCard(salt, 'C'), schedule: 0 }] }, delta, /added card [0-9a-f]{16} is already in the list/],
    ['changed card not held', v1, { ...delta, changed: [{ cardHash: hashCard(salt, 'Z'), schedule: 1 }] }, /changed card [0-9a-f]{16} is not in the list/],
    ['schedule index beyond the schedules', v1, { ...delta, header: { schedules: [] }, changed: [{ cardHash: hashCard(salt, 'A'), schedule: 1 }] }, /refers to schedule 1 of 0/]
  ]
  for (const [name, list, d, detail] of cases) {
    const result = applyAllowListDelta(list, d)
    t.equal(result.ok ? 'ok' : result.reason, 'FULL_RESEND_NEEDED', name)
    t.match(result.ok ? '' : result.detail, detail, `${name}: says why`)
  }
  t.throws(() => diffAllowLists(v2, v1), { name: 'AllowListError', message: /version 1 is not after 2/ })
  t.throws(() => diffAllowLists(v1, { ...v2, siteId: 's2' }), { name: 'AllowListError', message: /lists of two sites/ })
})

t.test('any two lists: diff then apply gives the target (property)', async t => {
  const uids = Array.from({ length: 12 }, (_, i) => `CARD${i}`)
  const cardSet = fc.array(fc.record({ uid: fc.constantFrom(...uids), scheduleId: fc.constantFrom(null, 'contractor', 'cleaner'), lost: fc.boolean() }), { maxLength: 12 })
    .map(cs => [...new Map(cs.map(c => [c.uid, aCard(c.uid, { scheduleId: c.scheduleId, status: c.lost ? 'lost' : 'active' })])).values()])
  fc.assert(fc.property(cardSet, cardSet, fc.boolean(), (a, b, dropSchedule) => {
    const from = buildAllowList(source({ cards: a }))
    const to = buildAllowList(source({ version: 2, cards: dropSchedule ? b.map(c => ({ ...c, scheduleId: null })) : b, schedules: dropSchedule ? [] : [contractor, cleaner] }))
    const result = applyAllowListDelta(from, diffAllowLists(from, to))
    return result.ok && JSON.stringify(result.list) === JSON.stringify(to)
  }), { numRuns: 200 })
  t.pass('200 random pairs of lists')
})

t.test('binary image: round trip, and malformed images are refused', async t => {
  const list = buildAllowList(source({ cards: [aCard('A'), aCard('B', { scheduleId: 'cleaner' })], holidays: ['2026-05-01'], revokedPasses: [{ passId: 'p1', validUntilMs: nowMs + 1 }] }))
  const image = encodeAllowList(list)
  t.same(decodeAllowList(image), list)
  t.equal(image.subarray(0, 4).toString('ascii'), 'GAL1')
  t.equal(image.readUInt32BE(4), 1, 'version after the magic')
  const emptyList = buildAllowList(source())
  t.same(decodeAllowList(encodeAllowList(emptyList)), emptyList, 'an empty list too')

  const headerEnd = 12 + image.readUInt32BE(8)
  const swapped = Buffer.from(image)
  image.copy(swapped, headerEnd + 4, headerEnd + 13, headerEnd + 22)
  image.copy(swapped, headerEnd + 13, headerEnd + 4, headerEnd + 13)
  const badJson = Buffer.from(image)
  badJson[12] = 0x7b + 1 // '{' → '|'
  const cases: Array<[string, Buffer, RegExp]> = [
    ['too short', image.subarray(0, 8), /truncated in the fixed header/],
    ['wrong magic', Buffer.concat([Buffer.from('XXXX'), image.subarray(4)]), /magic is not GAL1/],
    ['truncated header', image.subarray(0, 20), /truncated in the JSON header/],
    ['a byte missing', image.subarray(0, image.length - 1), /expected 2 × 9/],
    ['a byte extra', Buffer.concat([image, Buffer.alloc(1)]), /expected 2 × 9/],
    ['header not JSON', badJson, /header is not JSON/],
    ['entries out of order', swapped, /not in ascending order at entry 1/],
    ['header not a list', (() => {
      const header = Buffer.from('{"siteId":""}')
      const b = Buffer.alloc(16 + header.length)
      b.write('GAL1')
      b.writeUInt32BE(1, 4)
      b.writeUInt32BE(header.length, 8)
      header.copy(b, 12)
      return b
    })(), /does not hold a valid list/]
  ]
  for (const [name, bytes, message] of cases) t.throws(() => decodeAllowList(bytes), { name: 'AllowListError', message }, name)
})

// Bound, documented in docs/gate.md: the flash image of 3,000 households × 2
// cards (with schedules, holidays, two pass keys and 100 revoked passes) is
// under 64 KiB. 9 bytes per card make 54,000 of it.
t.test('size: 3,000 households × 2 cards fit in 64 KiB of flash', async t => {
  const cards = Array.from({ length: 6_000 }, (_, i) => aCard(`CARD${String(10_000_000 + i)}`, {
    householdId: `h${i >> 1}`,
    scheduleId: i % 10 === 0 ? 'contractor' : i % 10 === 1 ? 'cleaner' : null
  }))
  const list = buildAllowList(source({
    cards,
    holidays: Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i * 7)).toISOString().slice(0, 10)),
    passKeys: [passKey, { kid: 'k2', publicKey: 'B'.repeat(43) }],
    revokedPasses: Array.from({ length: 100 }, (_, i) => ({ passId: `vp-2026-${String(i).padStart(6, '0')}`, validUntilMs: nowMs + 86_400_000 }))
  }))
  t.equal(list.entries.length, 6_000)
  const image = encodeAllowList(list)
  const command = { cmdId: 'c1', ts: nowMs, type: 'allow-list-full', version: 1, image: image.toString('base64url') }
  t.comment(`image ${image.length} bytes; as JSON ${JSON.stringify(list).length} bytes; full command ${JSON.stringify(command).length} bytes`)
  t.ok(image.length < 64 * 1024, `image ${image.length} bytes < 65,536`)
  t.ok(allowListFullCommandSchema.safeParse(command).success, 'the image fits one allow-list-full command')
  t.same(decodeAllowList(image), list)
})
