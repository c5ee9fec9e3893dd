// No input can block a device: every event ends applied or dead-lettered, on
// both stores, with the same answer. Before, on PostgreSQL, a U+0000 in a
// command-ack's error or a status's firmware, a raw 0x00 byte in a payload and
// a deposit whose points overflowed a 32-bit column were never stored and never
// acknowledged: the kiosk resent the same event forever and nothing after it
// got through. On SQLite the same oversized deposit was credited 16 billion
// points. Also here: late replays go to review, and an event the store keeps
// refusing is dead-lettered STORE_REJECTED instead of withholding PUBACK.
import fc from 'fast-check'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { depositEventSchema, statusSchema, commandAckEventSchema } from '../../schemas/device-events.ts'
import type { Config } from '../../services/config.ts'
import { setSiteRates } from '../../services/sites/site-registry.ts'
import { balanceOf, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice, startTestBackend } from '../helpers/backend.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'

const SEED = 20261126
const RUNS = 40

async function scene (t: Test, overrides: Partial<Config>) {
  const backend = await startTestBackend(t, overrides)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const { household, card } = await aHouseholdWithCard(db, site.id)
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)
  let n = 0
  const nextId = (prefix: string) => `${prefix}-${++n}`
  /** A normal swipe: resolves with the open command (proves the kiosk is not blocked). */
  async function swipe (): Promise<Record<string, unknown>> {
    const eventId = nextId('swipe')
    await kiosk.publishJson('events/swipe', { eventId, ts: Date.now(), card: card.uid })
    return (await kiosk.waitFor(m => m.payload.swipeEventId === eventId)).payload
  }
  const deadLetters = () => db.selectFrom('dead_letters').selectAll().where('device_id', '=', device.id).orderBy('received_at_ms').orderBy('id').execute()
  return { backend, db, site, device, household, card, kiosk, nextId, swipe, deadLetters }
}

type Scene = Awaited<ReturnType<typeof scene>>

async function poisonCases (t: Test, s: Scene): Promise<void> {
  const { db, kiosk, household, device } = s

  await t.test('U+0000 in a command-ack error and in a status firmware: refused by the contract, acknowledged', async t => {
    const open = await s.swipe()
    await kiosk.publishJson('events/command-ack', { eventId: s.nextId('ack'), ts: Date.now(), cmdId: open.cmdId, ok: false, error: 'jam\u0000med' })
    await kiosk.publishJson('status', { online: true, firmware: 'v1\u00002' })
    const letters = await s.deadLetters()
    // JSON carries U+0000 as the escape \u0000, so the payload itself is storable text
    t.same(letters.slice(-2).map(l => [l.code, l.payload_encoding]), [['SCHEMA_VIOLATION', 'utf8'], ['SCHEMA_VIOLATION', 'utf8']])
    t.match(letters.at(-1)?.reason, /U\+0000/)
    t.equal((await s.swipe()).type, 'open', 'the next event is applied')
  })

  await t.test('a raw 0x00 byte and invalid UTF-8: MALFORMED_JSON, the exact bytes kept as base64', async t => {
    const raw = Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x7d])
    await kiosk.publishRaw(`devices/${device.id}/events/swipe`, raw)
    const letter = (await s.deadLetters()).at(-1)
    t.equal(letter?.code, 'MALFORMED_JSON')
    t.equal(letter?.payload_encoding, 'base64')
    t.same(Buffer.from(letter?.payload ?? '', 'base64'), raw, 'byte for byte')
    t.notOk(letter?.reason.includes('\u0000'), 'the reason quotes the payload without U+0000')
    const reply = await kiosk.waitFor(m => m.topic.endsWith('/errors') && m.payload.code === 'MALFORMED_JSON')
    t.ok(reply, 'the device is told why')
    t.equal((await s.swipe()).type, 'open', 'the next event is applied')
  })

  await t.test('beyond the contract bounds: refused; at the largest rates the biggest deposit goes to review, not to the balance', async t => {
    await setSiteRates(db, s.site.id, { rates: { hazardous: { mode: 'per_item', pointsPerItem: 10_000 } }, dailyCapPoints: 0, maxGramsPerLine: 1_000_000, maxItemsPerLine: 1_000, maxPointsPerDeposit: 10_000_000 })
    const before = await balanceOf(db, household.id)
    const tooMany = await s.swipe()
    const overCount = s.nextId('dep')
    await kiosk.publishJson('events/deposit', { eventId: overCount, ts: Date.now(), sessionId: tooMany.sessionId, lines: [{ category: 'hazardous', grams: 100, count: 10_000 }] })
    t.equal((await s.deadLetters()).at(-1)?.code, 'SCHEMA_VIOLATION', '10,000 items in a line is beyond the contract')
    // the biggest deposit the contract allows: 16 lines × 1,000 items × 10,000 points = 160,000,000 points
    const biggest = s.nextId('dep')
    await kiosk.publishJson('events/deposit', { eventId: biggest, ts: Date.now(), sessionId: tooMany.sessionId, lines: Array.from({ length: 16 }, () => ({ category: 'hazardous', grams: 1000, count: 1_000 })) })
    const display = await kiosk.waitFor(m => m.payload.depositEventId === biggest)
    t.equal(display.payload.outcome, 'review')
    const review = await db.selectFrom('review_items').selectAll().where('deposit_id', '=', `${device.id}:${biggest}`).executeTakeFirstOrThrow()
    t.equal(Number(review.points_computed), 160_000_000, 'computed exactly, inside the column on both stores')
    t.match(JSON.parse(review.reasons), [{ code: 'POINTS_ABOVE_LIMIT', points: 160_000_000, maxPoints: 10_000_000 }])
    t.equal(await balanceOf(db, household.id), before, 'nothing credited before staff look at it')
    t.equal((await s.swipe()).type, 'open', 'the next event is applied')
  })

  await t.test('a late replay goes to review with LATE_REPLAY; staff can credit it', async t => {
    await setSiteRates(db, s.site.id, { rates: { paper: { mode: 'per_kg', pointsPerKg: 40 } }, dailyCapPoints: 0, maxGramsPerLine: 50_000, maxItemsPerLine: 100, maxPointsPerDeposit: 5_000 })
    const open = await s.swipe()
    // the kiosk was offline for longer than the deposit window
    await db.updateTable('kiosk_sessions').set({ deposit_expires_at_ms: Date.now() - 1 }).where('id', '=', open.sessionId as string).execute()
    const late = s.nextId('dep')
    const before = await balanceOf(db, household.id)
    await kiosk.publishJson('events/deposit', { eventId: late, ts: Date.now() - 86_400_000, sessionId: open.sessionId, lines: [{ category: 'paper', grams: 2500 }] })
    const display = await kiosk.waitFor(m => m.payload.depositEventId === late)
    t.equal(display.payload.outcome, 'review', 'the kiosk is told the points wait for staff')
    t.equal(display.payload.pointsEarned, 0)
    const review = await db.selectFrom('review_items').selectAll().where('deposit_id', '=', `${device.id}:${late}`).executeTakeFirstOrThrow()
    t.match(JSON.parse(review.reasons), [{ code: 'LATE_REPLAY', sessionId: open.sessionId }])
    t.equal(Number(review.points_computed), 100)
    t.equal(await balanceOf(db, household.id), before)
  })

  await t.test('an event the store keeps refusing is dead-lettered STORE_REJECTED; the device goes on', async t => {
    // the store refuses one event id for good (as a value it cannot hold would)
    if (s.backend.store.dialect === 'postgres') {
      await sql`create function refuse_poison() returns trigger language plpgsql as $$
        begin if new.event_id = 'poison-1' then raise exception 'refused for the test'; end if; return new; end $$`.execute(db)
      await sql`create trigger refuse_poison before insert on device_events for each row execute function refuse_poison()`.execute(db)
    } else {
      await sql`create trigger refuse_poison before insert on device_events when new.event_id = 'poison-1' begin select raise(abort, 'refused for the test'); end`.execute(db)
    }
    const entriesBefore = (await db.selectFrom('ledger_entries').select('id').execute()).length
    await kiosk.publishJson('events/swipe', { eventId: 'poison-1', ts: Date.now(), card: s.card.uid }) // resolves = PUBACK
    const letter = (await s.deadLetters()).at(-1)
    t.equal(letter?.code, 'STORE_REJECTED')
    t.equal(letter?.event_id, 'poison-1')
    t.match(letter?.reason, /refused for the test/)
    const reply = await kiosk.waitFor(m => m.topic.endsWith('/errors') && m.payload.code === 'STORE_REJECTED')
    t.equal(reply.payload.eventId, 'poison-1')
    t.equal((await db.selectFrom('ledger_entries').select('id').execute()).length, entriesBefore, 'no ledger change')
    t.equal((await s.swipe()).type, 'open', 'the next event is applied')
    t.equal(s.backend.metrics.deadLettered.STORE_REJECTED, 1)
  })

  await t.test(`generated payloads at and beyond every bound (fast-check, seed ${SEED}, ${RUNS} runs)`, async t => {
    const text = fc.oneof(fc.string({ maxLength: 70 }), fc.constant('a\u0000b'), fc.string({ minLength: 190, maxLength: 210 }))
    const int = (bound: number) => fc.oneof(fc.integer({ min: -bound, max: bound }), fc.constantFrom(bound, bound + 1, -bound, -bound - 1, 2 ** 31, 2 ** 53, -(2 ** 31)))
    const line = fc.record({
      category: fc.constantFrom('paper', 'plastic', 'hazardous', 'other', 'gold'),
      grams: int(1_000_000),
      count: fc.option(int(1_000), { nil: undefined })
    }, { requiredKeys: ['category', 'grams'] })
    const payload = fc.oneof(
      fc.record({ kind: fc.constant('deposit' as const), lines: fc.array(line, { minLength: 0, maxLength: 18 }) }),
      fc.record({ kind: fc.constant('command-ack' as const), error: text }),
      fc.record({ kind: fc.constant('status' as const), firmware: text, uptimeS: int(2 ** 31) })
    )
    await setSiteRates(db, s.site.id, { rates: { paper: { mode: 'per_kg', pointsPerKg: 10_000 }, plastic: { mode: 'per_kg', pointsPerKg: 10_000 }, hazardous: { mode: 'per_item', pointsPerItem: 10_000 } }, dailyCapPoints: 0, maxGramsPerLine: 1_000_000, maxItemsPerLine: 1_000, maxPointsPerDeposit: 10_000_000 })
    let applied = 0
    let refused = 0
    await fc.assert(fc.asyncProperty(payload, async p => {
      const open = await s.swipe()
      const before = await balanceOf(db, household.id)
      const lettersBefore = (await s.deadLetters()).length
      const eventId = s.nextId('gen')
      let body: Record<string, unknown>
      let subtopic: string
      let valid: boolean
      if (p.kind === 'deposit') {
        body = { eventId, ts: Date.now(), sessionId: open.sessionId, lines: p.lines }
        subtopic = 'events/deposit'
        valid = depositEventSchema.safeParse(body).success
      } else if (p.kind === 'command-ack') {
        body = { eventId, ts: Date.now(), cmdId: open.cmdId, ok: false, error: p.error }
        subtopic = 'events/command-ack'
        valid = commandAckEventSchema.safeParse(body).success
      } else {
        body = { online: true, firmware: p.firmware, uptimeS: p.uptimeS }
        subtopic = 'status'
        valid = statusSchema.safeParse(body).success
      }
      await kiosk.publishJson(subtopic, body) // resolves on PUBACK: acknowledged, whatever it held
      const letters = await s.deadLetters()
      if (!valid) {
        refused++
        if (letters.length !== lettersBefore + 1 || letters.at(-1)?.code !== 'SCHEMA_VIOLATION') return false
        if (await balanceOf(db, household.id) !== before) return false
      } else {
        applied++
        if (letters.length !== lettersBefore) return false
        if (p.kind === 'deposit') {
          const display = await kiosk.waitFor(m => m.payload.depositEventId === eventId)
          if (await balanceOf(db, household.id) !== before + (display.payload.pointsEarned as number)) return false
        }
      }
      return (await s.swipe()).type === 'open' // the next normal event of the device is applied
    }), { seed: SEED, numRuns: RUNS })
    t.ok(applied > 0 && refused > 0, `${applied} applied, ${refused} refused`)
  })

  t.same(await ledgerInvariantViolations(db), [])
}

t.test('poison events [sqlite, ingest worker]', async t => {
  await poisonCases(t, await scene(t, { INGEST_WORKER: true }))
})

t.test('poison events [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => {
  await poisonCases(t, await scene(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) }))
})
