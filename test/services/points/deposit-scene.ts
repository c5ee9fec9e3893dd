// A kiosk, a household with a card and a manager, and the device path to
// credit deposits without MQTT: handleSwipe opens a session, handleDeposit
// credits it, each in the store (or transaction) the test hands in.
import { waitUntil } from '../../helpers/wait-until.ts'
import { registryView } from '../../../services/devices/registry-cache.ts'
import { defaultRateTable } from '../../../schemas/rate-table.ts'
import { getDevice } from '../../../services/devices/device-registry.ts'
import type { EventContext, HandlerResult } from '../../../services/ingest/event-context.ts'
import { handleDeposit, handleSwipe } from '../../../services/kiosk/kiosk-events.ts'
import { createStaff, toActor } from '../../../services/staff/staff.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../../fixtures/builders.ts'

/** 2024-06-01 10:00 in Asia/Shanghai, the sites' default time zone. */
export const dayOneMs = Date.UTC(2024, 5, 1, 2, 0)
export const dayOne = '2024-06-01'

let events = 0

export async function aDepositScene (db: Executor, dailyCapPoints: number) {
  const site = await aSite(db, { rateTable: { ...defaultRateTable, dailyCapPoints } })
  const device = await getDevice(db, (await aKiosk(db, site.id)).device.id)
  const { household, card } = await aHouseholdWithCard(db, site.id)
  const manager = toActor((await createStaff(db, { username: `m${process.pid}x${++events}`, name: 'M', role: 'manager', siteId: site.id })).staff)
  const contextAt = (trx: Executor, receivedAtMs: number): EventContext =>
    ({ db: trx, device, site, registry: registryView(trx), receivedAtMs, sessionOpenWindowMs: 60_000, sessionDepositWindowMs: 600_000 })

  /** A swipe at `atMs`: the session (and so its local day) the deposit counts against. */
  async function openSession (trx: Executor, atMs = dayOneMs): Promise<string> {
    const result = await handleSwipe(contextAt(trx, atMs), { eventId: `swipe-${++events}`, ts: atMs, card: card.uid, method: 'card' })
    if (result.kind !== 'applied' || typeof result.summary.sessionId !== 'string') throw new Error(`swipe not opened: ${JSON.stringify(result)}`)
    return result.summary.sessionId
  }

  /** Deposits metal (80 points/kg by default) into an open session. */
  async function depositMetal (trx: Executor, sessionId: string, grams: number, atMs = dayOneMs + 1000): Promise<HandlerResult & { kind: 'applied' }> {
    const result = await handleDeposit(contextAt(trx, atMs), { eventId: `deposit-${++events}`, ts: atMs, sessionId, lines: [{ category: 'metal', grams }] })
    if (result.kind !== 'applied') throw new Error(`deposit not applied: ${result.code} ${result.message}`)
    return result
  }

  return { site, device, household, manager, openSession, depositMetal }
}

/** The deposit row as a property manager would read it. */
export async function depositRow (db: Executor, depositId: string) {
  return db.selectFrom('deposits').select(['points_computed', 'points_credited', 'outcome', 'entry_id']).where('id', '=', depositId).executeTakeFirstOrThrow()
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T> (what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  let value: T | undefined
  await waitUntil(async () => (value = await check()) !== undefined, what, timeoutMs)
  return value as T
}
