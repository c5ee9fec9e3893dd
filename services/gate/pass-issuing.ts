// Issuing visitor passes: per-site Ed25519 keys (the newest key not retired
// signs; older ones keep verifying what they signed until retired), passes
// stored with their use count, revocation. Every change to keys or revoked
// passes bumps the registry version: the gates' allow-lists carry both.
import { createPrivateKey } from 'node:crypto'
import { bumpRegistryVersion } from '../devices/registry-version.ts'
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import { assertSite, type Actor } from '../staff/roles.ts'
import type { Executor } from '../store/executor.ts'
import { allowListLimits } from '../../schemas/gate.ts'
import { assertRoomForRevokedPass } from './list-room.ts'
import { generateSiteKey, issuePass, VisitorPassError, type SiteSigningKey } from './visitor-pass.ts'
import type { PassKeysTable, VisitorPass } from './tables.ts'
import type { Selectable } from 'kysely'

export async function passKeyRows (db: Executor, siteId: string): Promise<Selectable<PassKeysTable>[]> {
  return db.selectFrom('pass_keys').selectAll().where('site_id', '=', siteId).orderBy('created_at_ms').orderBy('kid').execute()
}

/** A new signing key for the site; the others stay valid until retired. */
export async function addPassKey (db: Executor, siteId: string, nowMs = Date.now()): Promise<Selectable<PassKeysTable>> {
  const active = (await passKeyRows(db, siteId)).filter(k => k.retired_at_ms == null)
  if (active.length >= allowListLimits.maxPassKeys) throw new DomainError('CONFLICT', `a site has at most ${allowListLimits.maxPassKeys} keys in use: retire one first`)
  const key = generateSiteKey(newId('pk', nowMs))
  const row = {
    site_id: siteId, kid: key.kid, public_key: key.publicKey.publicKey,
    private_key: key.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'), created_at_ms: nowMs, retired_at_ms: null
  }
  await db.insertInto('pass_keys').values(row).execute()
  await bumpRegistryVersion(db)
  return row
}

/** Retired: absent from the gates' lists from the next version on; its passes are refused UNKNOWN_KEY. */
export async function retirePassKey (db: Executor, siteId: string, kid: string, nowMs = Date.now()): Promise<void> {
  const result = await db.updateTable('pass_keys').set({ retired_at_ms: nowMs }).where('site_id', '=', siteId).where('kid', '=', kid).where('retired_at_ms', 'is', null).executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new DomainError('NOT_FOUND', `no key ${kid} in use at site ${siteId}`)
  await bumpRegistryVersion(db)
}

async function signingKey (db: Executor, siteId: string, nowMs: number): Promise<SiteSigningKey> {
  const active = (await passKeyRows(db, siteId)).filter(k => k.retired_at_ms == null)
  const row = active.at(-1) ?? await addPassKey(db, siteId, nowMs)
  return {
    kid: row.kid,
    privateKey: createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' }),
    publicKey: { kid: row.kid, publicKey: row.public_key }
  }
}

export interface PassRequest { gates: string[], validFromMs: number, validUntilMs: number, maxUses: number, visitor?: string | undefined }

/** Who issues or revokes: a staff member, or a resident (services/residents/) acting on their own site. */
export type PassCaller = Pick<Actor, 'id' | 'siteId'>

export async function issueVisitorPass (db: Executor, actor: PassCaller, siteId: string, request: PassRequest, nowMs = Date.now()): Promise<{ pass: VisitorPass, qr: string }> {
  assertSite(actor, siteId)
  const gates = await db.selectFrom('devices').select('id').where('site_id', '=', siteId).where('kind', '=', 'gate').where('id', 'in', request.gates).execute()
  const unknown = request.gates.filter(g => !gates.some(row => row.id === g))
  if (unknown.length > 0) throw new DomainError('VALIDATION_FAILED', `not gates of site ${siteId}: ${unknown.join(', ')}`)
  // the QR carries whole seconds: the window only ever shrinks to fit
  const validFromMs = Math.floor(request.validFromMs / 1000) * 1000
  const validUntilMs = Math.ceil(request.validUntilMs / 1000) * 1000
  if (validUntilMs <= nowMs) throw new DomainError('VALIDATION_FAILED', 'validUntilMs is in the past')
  const key = await signingKey(db, siteId, nowMs)
  const pass: VisitorPass = {
    id: newId('vp', nowMs), site_id: siteId, kid: key.kid, gates: JSON.stringify(request.gates), valid_from_ms: validFromMs, valid_until_ms: validUntilMs,
    max_uses: request.maxUses, uses: 0, visitor: request.visitor ?? null, issued_by: actor.id, issued_at_ms: nowMs, revoked_at_ms: null, revoked_by: null
  }
  let qr: string
  try {
    qr = issuePass({ site: siteId, passId: pass.id, gates: request.gates, validFromMs, validUntilMs, maxUses: request.maxUses }, key)
  } catch (err) {
    if (err instanceof VisitorPassError) throw new DomainError('VALIDATION_FAILED', err.message)
    throw err
  }
  await db.insertInto('visitor_passes').values(pass).execute()
  return { pass, qr }
}

export async function getVisitorPass (db: Executor, actor: PassCaller, passId: string): Promise<VisitorPass> {
  const pass = await db.selectFrom('visitor_passes').selectAll().where('id', '=', passId).executeTakeFirst()
  if (pass == null) throw new DomainError('NOT_FOUND', `no visitor pass ${passId}`)
  assertSite(actor, pass.site_id)
  return pass
}

/** Refused online at once, and offline once the gates hold the list version that lists it. */
export async function revokeVisitorPass (db: Executor, actor: PassCaller, passId: string, nowMs = Date.now()): Promise<VisitorPass> {
  const pass = await getVisitorPass(db, actor, passId)
  if (pass.revoked_at_ms != null) return pass
  // a pass past its end is refused EXPIRED anyway: its revocation is not listed
  if (pass.valid_until_ms > nowMs) await assertRoomForRevokedPass(db, pass.site_id, nowMs)
  await db.updateTable('visitor_passes').set({ revoked_at_ms: nowMs, revoked_by: actor.id }).where('id', '=', passId).execute()
  await bumpRegistryVersion(db)
  return { ...pass, revoked_at_ms: nowMs, revoked_by: actor.id }
}

/** A site's passes, newest first; by default only those not revoked and not yet ended. */
export async function listVisitorPasses (db: Executor, actor: Actor, siteId: string, opts: { all: boolean, limit: number }, nowMs = Date.now()): Promise<VisitorPass[]> {
  assertSite(actor, siteId)
  let query = db.selectFrom('visitor_passes').selectAll().where('site_id', '=', siteId)
  if (!opts.all) query = query.where('revoked_at_ms', 'is', null).where('valid_until_ms', '>', nowMs)
  return query.orderBy('issued_at_ms', 'desc').orderBy('id', 'desc').limit(opts.limit).execute()
}
