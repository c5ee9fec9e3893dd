// Migration 0112 on a store that existed before it: each session that can still
// go silent gets its own silence timeout from its stored state, so the sweep's
// query judges it as the session's tariff said; a session that ended keeps the
// default (never read again). Run on a store whose 0112 parts are taken away
// again, with sessions the real code wrote, on both stores.
import { sql, type Kysely } from 'kysely'
import t from 'tap'
import { sweepCharging } from '../../../services/charging/charging-sweep.ts'
import { findDevice } from '../../../services/devices/device-registry.ts'
import { appendEntry } from '../../../services/ledger/ledger.ts'
import { migrations } from '../../../services/store/migrations/index.ts'
import type { Device } from '../../../services/store/database.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { aCharger, aChargingTariff } from '../../fixtures/charging-scene.ts'
import { aSettledSession, aStartedSession } from '../../fixtures/charging-sessions.ts'
import { eachStore } from '../../helpers/stores.ts'

const minute = 60_000

async function undoMigration0112 (db: Kysely<unknown>): Promise<void> {
  await sql`delete from kysely_migration where name = ${'0112_charging_silence_timeout'}`.execute(db)
  await db.schema.dropIndex('charging_sessions_silence').execute()
  await db.schema.alterTable('charging_sessions').dropColumn('silence_timeout_ms').execute()
}

await eachStore(t, 'migration 0112 gives live sessions the silence timeout their state holds', async (t, { db }) => {
  const site = await aSite(db)
  const device = await findDevice(db, (await aCharger(db, site.id)).device.id) as Device
  await aChargingTariff(db, site.id, { limits: { silenceTimeoutMinutes: 7 } })
  const { household } = await aHouseholdWithCard(db, site.id)
  await appendEntry(db, { householdId: household.id, kind: 'earn', points: 5000, idempotencyKey: 'seed', nowMs: 1 })
  const at = Date.UTC(2026, 4, 1, 8)
  const ended = await aSettledSession(db, { device, household, startMs: at, stopMs: at + 30 * minute, energyWh: 100, reason: 'FULL' })
  const live = await aStartedSession(db, { device, household, startMs: at + 60 * minute, port: 2 })

  const raw = db as unknown as Kysely<unknown>
  await undoMigration0112(raw)
  await migrations['0112_charging_silence_timeout']?.up(raw)

  const timeout = async (id: string) => (await db.selectFrom('charging_sessions').select('silence_timeout_ms').where('id', '=', id).executeTakeFirstOrThrow()).silence_timeout_ms
  t.equal(await timeout(live), 7 * minute, 'a live session: its tariff\'s 7 minutes')
  t.equal(await timeout(ended), 30 * minute, 'an ended one: the default')
  const early = await sweepCharging(db, { startAckTimeoutMs: 1000 * minute, staleHoldMs: 10_000 * minute }, at + 67 * minute - 1)
  t.same(early.silent, [], 'not silent a millisecond before its 7 minutes')
  const swept = await sweepCharging(db, { startAckTimeoutMs: 1000 * minute, staleHoldMs: 10_000 * minute }, at + 67 * minute)
  t.same(swept.silent, [live], 'silent after them')
})
