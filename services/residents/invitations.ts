// Invitations: counter staff invite a phone number into a household and hand
// the printed activation code over the counter (there is no SMS provider:
// docs/residents.md). The resident activates with phone + code + a password
// of their choice. The code is stored as scrypt (it is short), is void after
// its expiry, after one use, or after MAX_WRONG_CODES wrong tries.
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import { scryptHash, scryptVerify } from '../devices/scrypt-hash.ts'
import { householdFor } from '../counter/households.ts'
import { getHousehold } from '../households/household-registry.ts'
import type { Actor } from '../staff/roles.ts'
import { inTransaction, type Executor } from '../store/executor.ts'
import { hashStaffPassword } from '../web-sessions/staff-passwords.ts'
import { generateActivationCode, normalizeActivationCode } from './activation-code.ts'
import type { Resident, ResidentInvitation } from './tables.ts'

export const MAX_WRONG_CODES = 5

/** Spent when no invitation matches, so timing does not tell which phones were invited. */
let dummyHash: Promise<string> | undefined

async function activeResidentWithPhone (db: Executor, phone: string): Promise<Resident | undefined> {
  return db.selectFrom('residents').selectAll().where('active_phone', '=', phone).executeTakeFirst()
}

export interface NewInvitation { phone: string, name?: string | undefined }

export interface InvitationCode { code: string, codeHash: string }

/** A new activation code and its hash: slow (scrypt, ~50 ms), so callers make it before opening the transaction that stores it. */
export async function newInvitationCode (): Promise<InvitationCode> {
  const code = generateActivationCode()
  return { code, codeHash: await scryptHash(normalizeActivationCode(code)) }
}

/**
 * A new invitation with a code from newInvitationCode (returned once). It replaces the phone's
 * earlier unused invitations: their codes stop working.
 */
export async function createInvitation (db: Executor, actor: Actor, householdId: string, input: NewInvitation, ttlMs: number, { code, codeHash }: InvitationCode, nowMs = Date.now()): Promise<{ invitation: ResidentInvitation, code: string }> {
  return inTransaction(db, async trx => {
    const household = await householdFor(trx, actor, householdId)
    if (household.status !== 'active') throw new DomainError('HOUSEHOLD_INACTIVE')
    if (await activeResidentWithPhone(trx, input.phone) != null) throw new DomainError('CONFLICT', `phone ${input.phone} already has an active resident account: deactivate it first`)
    const invitation: ResidentInvitation = {
      id: newId('inv', nowMs), household_id: household.id, site_id: household.site_id, phone: input.phone, name: input.name ?? null,
      code_hash: codeHash, failed_attempts: 0, created_by: actor.id, created_at_ms: nowMs, expires_at_ms: nowMs + ttlMs, used_at_ms: null, resident_id: null
    }
    await trx.updateTable('resident_invitations').set({ expires_at_ms: nowMs })
      .where('phone', '=', input.phone).where('used_at_ms', 'is', null).where('expires_at_ms', '>', nowMs).execute()
    await trx.insertInto('resident_invitations').values(invitation).execute()
    return { invitation, code }
  })
}

/** The newest invitation of a phone that may still be used. */
async function openInvitation (db: Executor, phone: string, nowMs: number): Promise<ResidentInvitation | undefined> {
  return db.selectFrom('resident_invitations').selectAll()
    .where('phone', '=', phone).where('used_at_ms', 'is', null).where('expires_at_ms', '>', nowMs).where('failed_attempts', '<', MAX_WRONG_CODES)
    .orderBy('created_at_ms', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
}

export interface Activation { phone: string, code: string, password: string }

/** The new resident account. Any wrong, expired, used or void code: ACTIVATION_FAILED, nothing created. */
export async function activateResident (db: Executor, input: Activation, nowMs = Date.now()): Promise<Resident> {
  const invitation = await openInvitation(db, input.phone, nowMs)
  if (invitation == null) {
    dummyHash ??= scryptHash('NOINVITE')
    await scryptVerify(normalizeActivationCode(input.code), await dummyHash)
    throw new DomainError('ACTIVATION_FAILED')
  }
  // Each try is counted in one statement before its code is checked, and only MAX_WRONG_CODES
  // tries get checked: counted after the check, a burst of tries at once was checked whole (each
  // read the count before any was recorded), so as many codes could be guessed as requests sent.
  const counted = await db.updateTable('resident_invitations').set(eb => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', invitation.id).where('failed_attempts', '<', MAX_WRONG_CODES).executeTakeFirst()
  if (counted.numUpdatedRows === 0n) {
    await scryptVerify(normalizeActivationCode(input.code), invitation.code_hash)
    throw new DomainError('ACTIVATION_FAILED')
  }
  if (!await scryptVerify(normalizeActivationCode(input.code), invitation.code_hash)) throw new DomainError('ACTIVATION_FAILED')
  // the right code is not a wrong one
  await db.updateTable('resident_invitations').set(eb => ({ failed_attempts: eb('failed_attempts', '-', 1) })).where('id', '=', invitation.id).execute()
  // the same rules and KDF as staff passwords, hashed before the transaction
  const passwordHash = await hashStaffPassword(input.password)
  return inTransaction(db, async trx => {
    // claimed by this statement: of two activations at once, one updates the row and the other finds it used
    const claimed = await trx.updateTable('resident_invitations').set({ used_at_ms: nowMs })
      .where('id', '=', invitation.id).where('used_at_ms', 'is', null).where('expires_at_ms', '>', nowMs).executeTakeFirst()
    if (claimed.numUpdatedRows === 0n) throw new DomainError('ACTIVATION_FAILED')
    const household = await getHousehold(trx, invitation.household_id)
    if (household.status !== 'active') throw new DomainError('HOUSEHOLD_INACTIVE')
    const resident: Resident = {
      id: newId('res', nowMs), household_id: household.id, site_id: household.site_id, phone: input.phone, name: invitation.name,
      password_hash: passwordHash, active: 1, invited_by: invitation.created_by, created_at_ms: nowMs,
      deactivated_at_ms: null, deactivated_by: null, active_phone: input.phone
    }
    // the phone's unique key decides between two invitations of one phone activated at once
    const inserted = await trx.insertInto('residents').values(resident).onConflict(oc => oc.column('active_phone').doNothing()).executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new DomainError('CONFLICT', `phone ${input.phone} already has an active resident account`)
    await trx.updateTable('resident_invitations').set({ resident_id: resident.id }).where('id', '=', invitation.id).execute()
    return resident
  })
}
