// Provisions the bench fleet straight into a SQLite file (or a PostgreSQL
// database) before the backend starts: one site (no daily cap, so repeated
// deposits keep earning), and per device i a kiosk `${prefix}i` with its own
// secret (HMAC with the run's pepper, as provisionDevice stores it), a
// household and its card. Rows go in batches in one transaction; the
// registry's own provisionDevice is used for one device to check the fast
// path writes the same shape of row.
import { copyFileSync } from 'node:fs'
import { defaultRateTable } from '../../schemas/rate-table.ts'
import { loadPepper } from '../../services/devices/pepper.ts'
import { createSite } from '../../services/sites/site-registry.ts'
import { provisionDevice } from '../../services/devices/device-registry.ts'
import { hashDeviceSecret } from '../../services/devices/secrets.ts'
import { openStore } from '../../services/store/open-database.ts'
import { chargingLimitsSchema } from '../../schemas/charging.ts'
import { addTariffVersion } from '../../services/charging/tariff-repository.ts'
import { appendEntry } from '../../services/ledger/ledger.ts'
import { cardUid, deviceId, deviceSecret, type Fleet } from '../lib/fleet.ts'

export const BENCH_SITE = 'bench-site'

/** Into a SQLite file (a path) or a PostgreSQL database (`{ databaseUrl }`). */
export async function provisionFleet (target: string | { databaseUrl: string }, pepperFile: string, fleet: Omit<Fleet, 'from'>): Promise<{ ms: number }> {
  const started = Date.now()
  const pepper = loadPepper(pepperFile)
  const store = await openStore(typeof target === 'string' ? { SQLITE_PATH: target } : { DATABASE_URL: target.databaseUrl, SQLITE_PATH: '' })
  try {
    const db = store.db
    await createSite(db, { id: BENCH_SITE, name: 'Bench compound', rateTable: { ...defaultRateTable, dailyCapPoints: 0 } })
    // the ordinary path once, so a schema change that the fast path misses fails here
    await provisionDevice(db, pepper, { id: `${fleet.prefix}check`, siteId: BENCH_SITE, kind: 'kiosk' })
    const now = Date.now()
    const CHUNK = 500
    await db.transaction().execute(async trx => {
      for (let from = 0; from < fleet.count; from += CHUNK) {
        const is = Array.from({ length: Math.min(CHUNK, fleet.count - from) }, (_, k) => from + k)
        await trx.insertInto('devices').values(is.map(i => ({
          id: deviceId(fleet, i), site_id: BENCH_SITE, kind: 'kiosk' as const, name: deviceId(fleet, i), secret_hash: hashDeviceSecret(pepper, deviceSecret(fleet, i)),
          status: 'active' as const, created_at_ms: now, online: 0, last_seen_at_ms: null, last_status: null
        }))).execute()
        await trx.insertInto('households').values(is.map(i => ({
          id: `hh-bench-${i}`, site_id: BENCH_SITE, label: `B-${i}`, status: 'active' as const, balance_points: 0, created_at_ms: now
        }))).execute()
        await trx.insertInto('cards').values(is.map(i => ({
          uid: cardUid(fleet, i), household_id: `hh-bench-${i}`, site_id: BENCH_SITE, status: 'active' as const, created_at_ms: now, updated_at_ms: now
        }))).execute()
      }
    })
  } finally {
    await store.close() // last connection: SQLite checkpoints the WAL into the main file
  }
  return { ms: Date.now() - started }
}

/** A fresh copy of a provisioned file for one round (each round starts from the same state). */
export function freshCopy (template: string, target: string): string {
  copyFileSync(template, target)
  return target
}

export const BENCH_GATE_SITE = 'bench-gates'

/** Card j of the gate site: household ⌊j/2⌋ has two cards, as the 3,000 households × 2. */
export const gateCardUid = (j: number) => `GCARD${String(j).padStart(6, '0')}`

/**
 * The gate figures' compound, into the same file: 3,000 households with two
 * cards each (6,000 cards, the allow-list every gate syncs) and the fleet's
 * gates, each with its own secret. The gates' settings rows are left to the
 * backend (a gate without settings serves both directions, in no zone).
 */
export async function provisionGateSite (target: string, pepperFile: string, gates: Omit<Fleet, 'from'>, households: number): Promise<{ ms: number }> {
  const started = Date.now()
  const pepper = loadPepper(pepperFile)
  const store = await openStore({ SQLITE_PATH: target })
  try {
    const db = store.db
    await createSite(db, { id: BENCH_GATE_SITE, name: 'Bench gates', rateTable: defaultRateTable })
    const now = Date.now()
    const CHUNK = 500
    await db.transaction().execute(async trx => {
      for (let from = 0; from < gates.count; from += CHUNK) {
        const is = Array.from({ length: Math.min(CHUNK, gates.count - from) }, (_, k) => from + k)
        await trx.insertInto('devices').values(is.map(i => ({
          id: deviceId(gates, i), site_id: BENCH_GATE_SITE, kind: 'gate' as const, name: deviceId(gates, i), secret_hash: hashDeviceSecret(pepper, deviceSecret(gates, i)),
          status: 'active' as const, created_at_ms: now, online: 0, last_seen_at_ms: null, last_status: null
        }))).execute()
      }
      for (let from = 0; from < households; from += CHUNK) {
        const hs = Array.from({ length: Math.min(CHUNK, households - from) }, (_, k) => from + k)
        await trx.insertInto('households').values(hs.map(h => ({
          id: `hh-gate-${h}`, site_id: BENCH_GATE_SITE, label: `G-${h}`, status: 'active' as const, balance_points: 0, created_at_ms: now
        }))).execute()
        await trx.insertInto('cards').values(hs.flatMap(h => [2 * h, 2 * h + 1]).map(j => ({
          uid: gateCardUid(j), household_id: `hh-gate-${Math.floor(j / 2)}`, site_id: BENCH_GATE_SITE, status: 'active' as const, created_at_ms: now, updated_at_ms: now
        }))).execute()
      }
    })
  } finally {
    await store.close()
  }
  return { ms: Date.now() - started }
}

export const BENCH_CHARGE_SITE = 'bench-charge'

/** Pile i's resident: household `hh-pile-i` with card `PCARD{i}`. */
export const pileCardUid = (i: number) => `PCARD${String(i).padStart(6, '0')}`

/**
 * The charging figures' compound, into the same file: the piles (own
 * secrets), one household per pile with a card and 1,000,000 points earned
 * (a ledger entry, so the balance and the ledger agree), and a per-minute
 * tariff for the site (120 points per hour, 500-point holds).
 */
export async function provisionChargingSite (target: string, pepperFile: string, piles: Omit<Fleet, 'from'>): Promise<{ ms: number }> {
  const started = Date.now()
  const pepper = loadPepper(pepperFile)
  const store = await openStore({ SQLITE_PATH: target })
  try {
    const db = store.db
    await createSite(db, { id: BENCH_CHARGE_SITE, name: 'Bench charging', rateTable: defaultRateTable })
    const now = Date.now()
    const CHUNK = 500
    await db.transaction().execute(async trx => {
      for (let from = 0; from < piles.count; from += CHUNK) {
        const is = Array.from({ length: Math.min(CHUNK, piles.count - from) }, (_, k) => from + k)
        await trx.insertInto('devices').values(is.map(i => ({
          id: deviceId(piles, i), site_id: BENCH_CHARGE_SITE, kind: 'charger' as const, name: deviceId(piles, i), secret_hash: hashDeviceSecret(pepper, deviceSecret(piles, i)),
          status: 'active' as const, created_at_ms: now, online: 0, last_seen_at_ms: null, last_status: null
        }))).execute()
        await trx.insertInto('households').values(is.map(i => ({
          id: `hh-pile-${i}`, site_id: BENCH_CHARGE_SITE, label: `P-${i}`, status: 'active' as const, balance_points: 0, created_at_ms: now
        }))).execute()
        await trx.insertInto('cards').values(is.map(i => ({
          uid: pileCardUid(i), household_id: `hh-pile-${i}`, site_id: BENCH_CHARGE_SITE, status: 'active' as const, created_at_ms: now, updated_at_ms: now
        }))).execute()
      }
      for (let i = 0; i < piles.count; i++) await appendEntry(trx, { householdId: `hh-pile-${i}`, kind: 'earn', points: 1_000_000, idempotencyKey: `bench-seed:hh-pile-${i}`, nowMs: now })
      await addTariffVersion(trx, {
        siteId: BENCH_CHARGE_SITE, deviceId: null, tariff: { pricing: { kind: 'per_hour', pointsPerHour: 120, billingUnit: 'minute' }, startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 },
        limits: chargingLimitsSchema.parse({}), holdDefaultPoints: 500, holdMaxPoints: 2000, createdBy: 'bench', nowMs: now
      })
    })
  } finally {
    await store.close()
  }
  return { ms: Date.now() - started }
}
