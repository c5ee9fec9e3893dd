// Store rows of the gate domain → HTTP bodies (camelCase, schemas/http-gates.ts).
import type { Selectable } from 'kysely'
import type { AccessLogRow, PassKeysTable, VisitorPass } from '../gate/tables.ts'

export const accessLogEntryView = (r: AccessLogRow) => ({
  seq: r.seq, siteId: r.site_id, gateId: r.gate_id, eventId: r.event_id, atMs: r.at_ms, receivedAtMs: r.received_at_ms, mode: r.mode,
  credential: r.credential_kind, card: r.card_uid, householdId: r.household_id, passId: r.pass_id, staffId: r.staff_id, note: r.note,
  direction: r.direction, reader: r.reader, decision: r.decision, reason: r.reason, flags: JSON.parse(r.flags) as string[],
  allowListVersion: r.allow_list_version, clockSynced: r.clock_synced == null ? null : r.clock_synced === 1, requestEventId: r.request_event_id
})

/** Never the private key. */
export const passKeyView = (k: Selectable<PassKeysTable>) => ({ kid: k.kid, publicKey: k.public_key, createdAtMs: k.created_at_ms, retiredAtMs: k.retired_at_ms })

export const visitorPassView = (p: VisitorPass) => ({
  id: p.id, siteId: p.site_id, kid: p.kid, gates: JSON.parse(p.gates) as string[], validFromMs: p.valid_from_ms, validUntilMs: p.valid_until_ms,
  maxUses: p.max_uses, uses: p.uses, visitor: p.visitor, issuedBy: p.issued_by, issuedAtMs: p.issued_at_ms, revokedAtMs: p.revoked_at_ms
})
