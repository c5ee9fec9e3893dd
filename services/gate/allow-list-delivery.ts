// What a gate needs to converge on its site's list (docs/protocol.md "Gates"):
// nothing when it acknowledged the current version or the command for it is
// still pending; a delta from the version it acknowledged when that snapshot
// is still kept; the full image otherwise. A list command supersedes any older
// one still pending (it is expired, so a reconnect does not send both).
import type { AllowList, GateCommand } from '../../schemas/gate.ts'
import { newId } from '../ids.ts'
import type { CommandToSend } from '../ingest/event-context.ts'
import type { Executor } from '../store/executor.ts'
import { diffAllowLists } from './allow-list-delta.ts'
import { encodeAllowList } from './allow-list-image.ts'
import { snapshotOf } from './allow-list-store.ts'
import { ensureGate } from './gate-repository.ts'

/**
 * A version's content never changes once stored, so its image and its delta
 * from a base are made once and shared by every gate of the site (a card
 * blocked at a site with 1,000 gates online: one diff, not 1,000).
 */
const MAX_CACHED = 64
const cache = new Map<string, unknown>()
function cached<T> (key: string, make: () => T): T {
  if (cache.has(key)) return cache.get(key) as T
  const value = make()
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string)
  cache.set(key, value)
  return value
}

/** A list command stays deliverable for a week: a gate offline longer gets a newer one anyway. */
export const LIST_COMMAND_TTL_MS = 7 * 86_400_000
export const listCommandTypes = ['allow-list-full', 'allow-list-delta'] as const

export async function listCommandFor (db: Executor, deviceId: string, list: AllowList, nowMs: number): Promise<CommandToSend | null> {
  const gate = await ensureGate(db, deviceId)
  if (gate.list_acked_version === list.version) return null
  if (gate.list_sent_version === list.version && gate.list_cmd_id != null) {
    const pending = await db.selectFrom('commands').select('cmd_id').where('cmd_id', '=', gate.list_cmd_id)
      .where('status', '=', 'pending').where('expires_at_ms', '>', nowMs).executeTakeFirst()
    if (pending != null) return null
  }
  const base = gate.list_acked_version > 0 ? await snapshotOf(db, list.siteId, gate.list_acked_version) : undefined
  const cmdId = newId('cmd', nowMs)
  const command: GateCommand = base != null && base.version < list.version
    ? { type: 'allow-list-delta', cmdId, ts: nowMs, delta: cached(`delta:${list.siteId}:${base.version}:${list.version}`, () => diffAllowLists(base, list)) }
    : { type: 'allow-list-full', cmdId, ts: nowMs, version: list.version, image: cached(`image:${list.siteId}:${list.version}`, () => encodeAllowList(list).toString('base64url')) }
  await db.updateTable('commands').set({ status: 'expired' })
    .where('device_id', '=', deviceId).where('status', '=', 'pending').where('type', 'in', listCommandTypes).execute()
  await db.updateTable('gates').set({ list_sent_version: list.version, list_cmd_id: cmdId }).where('device_id', '=', deviceId).execute()
  return { command, expiresAtMs: nowMs + LIST_COMMAND_TTL_MS }
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
