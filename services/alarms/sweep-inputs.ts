// What the backend rules look at, read from the store: presence, the bins of
// the last status, deposits per kiosk, and the rules' active alarms. Reads
// only the rows a rule can act on (offline candidates and devices with an
// open alarm), so a sweep over 100k devices stays small.
import { statusSchema } from '../../schemas/device-events.ts'
import { localDay } from '../points/local-day.ts'
import type { Executor } from '../store/executor.ts'
import type { AlarmKey } from './alarm.ts'
import type { DeniedSwipe, DeviceBins, DevicePresence, KioskDeposits } from './alarm-rules.ts'

const dayMs = 86_400_000

/** Keys of the open, active alarms of these types: the edges the rules work from. */
export async function activeAlarmKeys (db: Executor, types: readonly string[]): Promise<AlarmKey[]> {
  const rows = await db.selectFrom('alarms').select(['site_id', 'device_id', 'type', 'source'])
    .where('open_key', 'is not', null).where('active', '=', 1).where('type', 'in', [...types]).execute()
  return rows.map(r => ({ siteId: r.site_id, deviceId: r.device_id, type: r.type, source: r.source }))
}

/**
 * Devices in use offline since before `offlineSinceMs`, and the devices named by `alsoIds`
 * whatever their status (their open alarms may clear: a disabled device's offline alarm does).
 */
export async function presenceInputs (db: Executor, offlineSinceMs: number, alsoIds: readonly string[]): Promise<DevicePresence[]> {
  const rows = await db.selectFrom('devices').select(['id', 'site_id', 'online', 'last_seen_at_ms', 'status'])
    .where(eb => eb.or([
      eb.and([eb('status', '=', 'active'), eb('online', '=', 0), eb('last_seen_at_ms', '<=', offlineSinceMs)]),
      ...(alsoIds.length > 0 ? [eb('id', 'in', [...alsoIds])] : [])
    ]))
    .execute()
  return rows.map(r => ({
    id: r.id,
    siteId: r.site_id,
    online: r.online === 1,
    lastSeenAtMs: r.last_seen_at_ms == null ? null : Number(r.last_seen_at_ms),
    disabled: r.status !== 'active'
  }))
}

/** Bin fill levels from each kiosk's last status; a status that no longer parses counts as saying nothing. */
export async function binInputs (db: Executor): Promise<DeviceBins[]> {
  const rows = await db.selectFrom('devices').select(['id', 'site_id', 'last_status'])
    .where('status', '=', 'active').where('last_status', 'like', '%fillPct%').execute()
  return rows.map(r => {
    const parsed = statusSchema.safeParse(JSON.parse(r.last_status ?? 'null'))
    return { id: r.id, siteId: r.site_id, bins: parsed.success ? parsed.data.bins ?? null : null }
  })
}

/**
 * Deposits per kiosk: the count of each of the `historyDays` site-local days before the quiet
 * period began (`quietMs` ago: the quiet day itself must not drag the average down, or a kiosk
 * that stopped yesterday would not look busy), and the last deposit. Only kiosks with deposits
 * in that span or since appear (others are not busy, so the rule has nothing to raise for
 * them), plus `alsoIds` (their alarm may clear), each with whether it is disabled.
 */
export async function depositInputs (db: Executor, history: { days: number, quietMs: number }, alsoIds: readonly string[], nowMs: number): Promise<KioskDeposits[]> {
  const sites = await db.selectFrom('sites').select(['id', 'timezone']).execute()
  const kiosks = new Map<string, { siteId: string, perDay: Map<string, number>, last: number | null, disabled: boolean }>()
  for (const site of sites) {
    const days = Array.from({ length: history.days }, (_, i) => localDay(nowMs - history.quietMs - (i + 1) * dayMs, site.timezone))
    const oldest = days[days.length - 1] ?? localDay(nowMs, site.timezone)
    const rows = await db.selectFrom('deposits').innerJoin('devices', 'devices.id', 'deposits.device_id')
      .select(eb => ['deposits.device_id', 'deposits.local_day', 'devices.status', eb.fn.countAll<string>().as('n'), eb.fn.max('deposits.received_at_ms').as('last')])
      .where('deposits.site_id', '=', site.id).where('deposits.local_day', '>=', oldest)
      .groupBy(['deposits.device_id', 'deposits.local_day', 'devices.status']).execute()
    for (const row of rows) {
      const kiosk = kiosks.get(row.device_id) ?? { siteId: site.id, perDay: new Map(days.map(d => [d, 0])), last: null, disabled: row.status !== 'active' }
      if (kiosk.perDay.has(row.local_day)) kiosk.perDay.set(row.local_day, Number(row.n))
      kiosk.last = Math.max(kiosk.last ?? 0, Number(row.last))
      kiosks.set(row.device_id, kiosk)
    }
  }
  const missing = alsoIds.filter(id => !kiosks.has(id))
  if (missing.length > 0) {
    const rows = await db.selectFrom('devices').leftJoin('deposits', 'deposits.device_id', 'devices.id')
      .select(eb => ['devices.id', 'devices.site_id', 'devices.status', eb.fn.max('deposits.received_at_ms').as('last')])
      .where('devices.id', 'in', missing).groupBy(['devices.id', 'devices.site_id', 'devices.status']).execute()
    for (const row of rows) kiosks.set(row.id, { siteId: row.site_id, perDay: new Map(), last: row.last == null ? null : Number(row.last), disabled: row.status !== 'active' })
  }
  return [...kiosks].map(([id, k]) => ({ id, siteId: k.siteId, lastDepositAtMs: k.last, dailyDeposits: [...k.perDay.values()], disabled: k.disabled }))
}

/**
 * The gates' denials of the trailing window, from the access log (at the gate's time, so an
 * offline gate's replayed denials of last night do not raise an alarm now). Read per site to
 * use the log's (site, time) index. A denial without a card (a visitor code) counts for its
 * gate only.
 */
export async function deniedSwipeInputs (db: Executor, windowMs: number, nowMs: number): Promise<DeniedSwipe[]> {
  const sites = await db.selectFrom('sites').select('id').execute()
  const denies: DeniedSwipe[] = []
  for (const site of sites) {
    const rows = await db.selectFrom('access_log').select(['gate_id', 'card_uid', 'at_ms'])
      .where('site_id', '=', site.id).where('at_ms', '>', nowMs - windowMs).where('at_ms', '<=', nowMs)
      .where('decision', '=', 'deny').execute()
    for (const r of rows) denies.push({ gateId: r.gate_id, siteId: site.id, cardUid: r.card_uid, atMs: Number(r.at_ms) })
  }
  return denies
}
