// What a gate gets when it (re)subscribes, recorded so that the ordinary
// re-send of pending commands delivers it (services/ingest/device-ingest.ts):
// the time (time-sync: until it has one the gate trusts no time-bound
// credential), its settings with the site's card-hash salt (gate-config), and
// its list, full or delta. Older pending time-syncs and configs are expired
// first: a stale time must never arrive after a fresh one. A site whose list
// cannot be built still gives its gates the time and settings
// (unbuildable-list.ts).
import type { Logger } from 'pino'
import { retryOnDeadlock } from '../ingest/partitions.ts'
import type { GateCommand } from '../../schemas/gate.ts'
import { recordCommand } from '../devices/command-delivery.ts'
import { newId } from '../ids.ts'
import { inTransaction, type Executor } from '../store/executor.ts'
import { listCommandFor } from './allow-list-delivery.ts'
import { currentAllowList, type AllowListSource } from './allow-list-store.ts'
import { ensureGate, gateSite, parseDirections } from './gate-repository.ts'
import type { GateRow } from './tables.ts'
import { listOrAlarm } from './unbuildable-list.ts'

/** A time older than this is not worth delivering: the next connect or periodic sync sends a fresh one. */
export const TIME_SYNC_TTL_MS = 30_000
const CONFIG_TTL_MS = 86_400_000

async function supersede (db: Executor, deviceId: string, type: GateCommand['type']): Promise<void> {
  await db.updateTable('commands').set({ status: 'expired' }).where('device_id', '=', deviceId).where('status', '=', 'pending').where('type', '=', type).execute()
}

export async function recordTimeSync (db: Executor, deviceId: string, timeZone: string, nowMs: number): Promise<GateCommand> {
  await supersede(db, deviceId, 'time-sync')
  const command: GateCommand = { type: 'time-sync', cmdId: newId('cmd', nowMs), ts: nowMs, serverTimeMs: nowMs, timeZone }
  await recordCommand(db, deviceId, command, nowMs + TIME_SYNC_TTL_MS)
  await db.updateTable('gates').set({ time_synced_at_ms: nowMs }).where('device_id', '=', deviceId).execute()
  return command
}

/** Records the gate's settings (after a connect, or a change by staff), superseding a pending older one. */
export async function recordGateConfig (db: Executor, deviceId: string, nowMs: number, gate?: GateRow, salt?: Buffer): Promise<GateCommand> {
  const row = gate ?? await ensureGate(db, deviceId)
  const siteSalt = salt ?? (await gateSite(db, (await db.selectFrom('devices').select('site_id').where('id', '=', deviceId).executeTakeFirstOrThrow()).site_id, nowMs)).salt
  await supersede(db, deviceId, 'gate-config')
  const command: GateCommand = {
    type: 'gate-config', cmdId: newId('cmd', nowMs), ts: nowMs,
    directions: parseDirections(row.directions), releaseMs: row.release_ms, cardHashSalt: siteSalt.toString('hex')
  }
  await recordCommand(db, deviceId, command, nowMs + CONFIG_TTL_MS)
  return command
}

/** Records everything a connecting gate needs, in one transaction; false when the device is not a gate. */
export async function prepareGateConnect (db: Executor, deviceId: string, nowMs = Date.now(), lists: AllowListSource = currentAllowList, log?: Pick<Logger, 'error'>): Promise<boolean> {
  const kind = (await db.selectFrom('devices').select('kind').where('id', '=', deviceId).executeTakeFirst())?.kind
  // kiosks and chargers: one read, no write transaction on their connect path
  if (kind !== 'gate') return false
  // a list ack of this gate committing at the same moment may pick this transaction as a deadlock victim on PostgreSQL
  return retryOnDeadlock(() => inTransaction(db, trx => recordConnectCommands(trx, deviceId, nowMs, lists, log)))
}

async function recordConnectCommands (db: Executor, deviceId: string, nowMs: number, lists: AllowListSource, log?: Pick<Logger, 'error'>): Promise<boolean> {
  const device = await db.selectFrom('devices').innerJoin('sites', 'sites.id', 'devices.site_id')
    .select(['devices.kind', 'devices.site_id', 'sites.timezone']).where('devices.id', '=', deviceId).executeTakeFirst()
  if (device?.kind !== 'gate') return false
  // the site's list first: a new version locks the site's row before this gate's rows, the order every list writer takes
  const current = await listOrAlarm(db, lists, device.site_id, nowMs, log)
  const gate = await ensureGate(db, deviceId)
  const settings = await gateSite(db, device.site_id, nowMs)
  await recordTimeSync(db, deviceId, device.timezone, nowMs)
  await recordGateConfig(db, deviceId, nowMs, gate, settings.salt)
  const list = current == null ? null : await listCommandFor(db, deviceId, current, nowMs)
  if (list != null) await recordCommand(db, deviceId, list.command, list.expiresAtMs)
  return true
}
