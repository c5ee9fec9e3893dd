// What a gate needs to converge on its site's list (docs/protocol.md "Gates"):
// nothing when it acknowledged the current version or the command for it is
// still pending; nothing yet while its command for an older version awaits
// its ack (for up to LIST_ACK_WAIT_MS: the ack brings the next delta, see
// gate-acks.ts, so the gate never gets a delta from a base it has already
// left); a delta from the version it acknowledged when that snapshot is still
// kept; the full image otherwise. A list command supersedes any older one
// still pending (it is expired, so a reconnect does not send both).
import type { AllowList, AllowListDelta, GateCommand } from '../../schemas/gate.ts'
import { newId } from '../ids.ts'
import type { CommandToSend } from '../ingest/event-context.ts'
import type { Executor } from '../store/executor.ts'
import { diffAllowLists } from './allow-list-delta.ts'
import { encodeAllowList } from './allow-list-image.ts'
import { snapshotOf } from './allow-list-store.ts'
import { ensureGate, ensureGates } from './gate-repository.ts'
import type { GateRow } from './tables.ts'
import { prepare } from '../store/prepared.ts'

/**
 * A version's content never changes once stored, so its image and its delta
 * from a base are made once and shared by every gate of the site (a card
 * blocked at a site with 1,000 gates online: one diff, not 1,000). Kept with
 * the list object itself (the list source and the snapshot reader hand out
 * the same object for a version), so they go when the list goes, and a list
 * of another store open in the same process is never confused with it.
 */
const images = new WeakMap<AllowList, string>()
const deltas = new WeakMap<AllowList, Map<number, AllowListDelta>>()

/** A gate whose list command has not been acked this long gets a newer one anyway (it may never ack). */
export const LIST_ACK_WAIT_MS = 30_000

/** A list command stays deliverable for a week: a gate offline longer gets a newer one anyway. */
export const LIST_COMMAND_TTL_MS = 7 * 86_400_000
export const listCommandTypes = ['allow-list-full', 'allow-list-delta'] as const

export async function listCommandFor (db: Executor, deviceId: string, list: AllowList, nowMs: number): Promise<CommandToSend | null> {
  return (await listCommandsFor(db, [deviceId], list, nowMs)).get(deviceId) ?? null
}

/** Statements take at most this many ids (SQLite's and PostgreSQL's parameter limits, with room). */
const CHUNK = 500
function chunks<T> (items: T[]): T[][] {
  const out: T[][] = []
  for (let at = 0; at < items.length; at += CHUNK) out.push(items.slice(at, at + CHUNK))
  return out
}

/**
 * listCommandFor for many gates of one site in a few statements (a card
 * blocked at a site with 1,000 gates online: one read of their rows, one of
 * their pending list commands, one diff per base version, one expiry of the
 * superseded commands), instead of five statements and a snapshot read per gate.
 * The caller records the commands it gets.
 */
export async function listCommandsFor (db: Executor, deviceIds: string[], list: AllowList, nowMs: number): Promise<Map<string, CommandToSend>> {
  return (await listDeliveryFor(db, deviceIds, list, nowMs)).commands
}

export interface ListDelivery {
  commands: Map<string, CommandToSend>
  /**
   * When the first gate held back from this version (its command for an older one not acked
   * yet) gets it anyway, if no ack comes first; undefined when none is held back. The sync
   * round runs again then: nothing else may change, and a gate that never acks must still converge.
   */
  heldBackUntilMs: number | undefined
}

/** listCommandsFor, and when the gates it held back are due. */
export async function listDeliveryFor (db: Executor, deviceIds: string[], list: AllowList, nowMs: number): Promise<ListDelivery> {
  const out = new Map<string, CommandToSend>()
  const behind = (await ensureGates(db, deviceIds)).filter(g => g.list_acked_version !== list.version)
  const awaited = behind.filter(g => g.list_cmd_id != null && g.list_sent_version > g.list_acked_version).map(g => g.list_cmd_id!)
  /** Pending list commands of these gates, by id: when each was made. */
  const pending = new Map<string, number>()
  for (const ids of chunks(awaited)) {
    const rows = await db.selectFrom('commands').select(['cmd_id', 'created_at_ms']).where('cmd_id', 'in', ids)
      .where('status', '=', 'pending').where('expires_at_ms', '>', nowMs).execute()
    for (const r of rows) pending.set(r.cmd_id, Number(r.created_at_ms))
  }
  const waiting = (g: GateRow): boolean => {
    const sentAt = g.list_cmd_id == null ? undefined : pending.get(g.list_cmd_id)
    if (sentAt == null || g.list_sent_version <= g.list_acked_version) return false
    return g.list_sent_version === list.version || (g.list_sent_version < list.version && sentAt > nowMs - LIST_ACK_WAIT_MS)
  }
  const due = behind.filter(g => !waiting(g))
  const heldBack = behind.filter(g => waiting(g) && g.list_sent_version < list.version).map(g => (pending.get(g.list_cmd_id!) ?? nowMs) + LIST_ACK_WAIT_MS)
  const heldBackUntilMs = heldBack.length > 0 ? Math.min(...heldBack) : undefined
  if (due.length === 0) return { commands: out, heldBackUntilMs }

  // what to send from each acknowledged version: most gates of a site share one
  const bodies = new Map<number, ListBody>()
  for (const acked of new Set(due.map(g => g.list_acked_version))) bodies.set(acked, await listBody(db, list, acked))
  for (const ids of chunks(due.map(g => g.device_id))) {
    await db.updateTable('commands').set({ status: 'expired' })
      .where('device_id', 'in', ids).where('status', '=', 'pending').where('type', 'in', listCommandTypes).execute()
  }
  for (const gate of due) {
    const cmdId = newId('cmd', nowMs)
    const command = { ...bodies.get(gate.list_acked_version)!, cmdId, ts: nowMs } as GateCommand
    await markListSent.run(db, { deviceId: gate.device_id, version: list.version, cmdId })
    out.set(gate.device_id, { command, expiresAtMs: nowMs + LIST_COMMAND_TTL_MS })
  }
  return { commands: out, heldBackUntilMs }
}

/** A list command without its cmdId and ts: the same for every gate at one acknowledged version. */
type ListBody = { type: 'allow-list-delta', delta: AllowListDelta } | { type: 'allow-list-full', version: number, image: string }

const markListSent = prepare<{ deviceId: string, version: number, cmdId: string }>((db, p) => db.updateTable('gates')
  .set({ list_sent_version: p.version, list_cmd_id: p.cmdId }).where('device_id', '=', p.deviceId))

/** A delta from the acknowledged version while its snapshot is kept (or its delta was made), else the full image. */
async function listBody (db: Executor, list: AllowList, ackedVersion: number): Promise<ListBody> {
  if (ackedVersion > 0 && ackedVersion < list.version) {
    const made = deltas.get(list) ?? new Map<number, AllowListDelta>()
    deltas.set(list, made)
    const known = made.get(ackedVersion)
    if (known != null) return { type: 'allow-list-delta', delta: known }
    const base = await snapshotOf(db, list.siteId, ackedVersion)
    if (base != null) {
      const delta = diffAllowLists(base, list)
      made.set(ackedVersion, delta)
      return { type: 'allow-list-delta', delta }
    }
  }
  let image = images.get(list)
  if (image == null) {
    image = encodeAllowList(list).toString('base64url')
    images.set(list, image)
  }
  return { type: 'allow-list-full', version: list.version, image }
}

/**
 * The gate acknowledged a command: if it was its list command, ok moves the
 * acknowledged version; a refusal (the gate's list is not at the delta's base,
 * or it could not apply it) forgets the base, so the next command is the full list.
 */
export async function listAcked (db: Executor, deviceId: string, cmdId: string, ok: boolean): Promise<{ version: number } | null> {
  const gate = await ensureGate(db, deviceId)
  if (gate.list_cmd_id !== cmdId) return null
  await db.updateTable('gates').set(ok ? { list_acked_version: gate.list_sent_version } : { list_acked_version: 0, list_sent_version: 0, list_cmd_id: null })
    .where('device_id', '=', deviceId).execute()
  return { version: gate.list_sent_version }
}
