// The gate flow: an access request → decideAccess (card) or verifyPass (visitor
// pass) → gate-open or gate-deny, recorded and delivered by the backend's
// command delivery; every decision enters the access log once. An offline
// decision replayed by the gate enters the log with the gate's own time, marked
// offline, and moves anti-passback state and pass uses as an online one would;
// one that replaces an access request whose answer came too late is kept in
// that request's place (replaced-request.ts).
import type { AccessRequestEvent, AccessSchedule, Credential, GateDenyReason, OfflineDecisionEvent } from '../../schemas/gate.ts'
import { newId } from '../ids.ts'
import type { CommandToSend, EventContext, HandlerResult } from '../ingest/event-context.ts'
import { findHousehold } from '../kiosk/kiosk-repository.ts'
import { recordAccess } from './access-log.ts'
import { decideAccess, type AccessFlag } from './decide-access.ts'
import { denyMessages } from './deny-messages.ts'
import { claimPassage, gateSettings, lastPassage, recordPassage, scheduleOfCard, siteHolidays, type GateSettings } from './gate-repository.ts'
import { claimPassUse, countPassUse, findPass, passKeysOf } from './pass-repository.ts'
import { giveWayToDecision, replacingDecision } from './replaced-request.ts'
import { unverifiedClaims, verifyPass } from './visitor-pass.ts'

/** A gate-open older than this must not open an empty doorway; a deny only informs. */
export const OPEN_COMMAND_TTL_MS = 10_000
const DENY_COMMAND_TTL_MS = 10_000

type Verdict = { result: 'allow', flags: AccessFlag[] } | { result: 'deny', reason: GateDenyReason }

interface Who { cardUid: string | null, householdId: string | null, passId: string | null }

// A gate's settings, the site's holidays and a card's schedule change only with a registry
// version bump: read once per version, not per swipe (services/devices/registry-cache.ts).
const settingsOf = (ctx: EventContext): Promise<GateSettings> =>
  ctx.registry.memo(`gate-settings:${ctx.device.id}`, () => gateSettings(ctx.db, ctx.device.id))
const holidaysOf = (ctx: EventContext): Promise<Set<string>> =>
  ctx.registry.memo(`gate-holidays:${ctx.device.site_id}`, () => siteHolidays(ctx.db, ctx.device.site_id))
const scheduleOf = (ctx: EventContext, uid: string): Promise<AccessSchedule | null> =>
  ctx.registry.memo(`gate-schedule:${ctx.device.site_id}:${uid}`, () => scheduleOfCard(ctx.db, ctx.device.site_id, uid))

async function whoPresented (ctx: EventContext, credential: Credential): Promise<Who> {
  if (credential.kind === 'pass') return { cardUid: null, householdId: null, passId: unverifiedClaims(credential.qr)?.pass ?? null }
  const card = await ctx.registry.card(credential.card)
  return { cardUid: credential.card, householdId: card?.household_id ?? null, passId: null }
}

/** The pass checked against the backend's keys, revocations and central use count, with the backend's (trusted) clock. */
async function decidePass (ctx: EventContext, qr: string): Promise<Verdict> {
  const claimed = unverifiedClaims(qr)
  const row = claimed == null ? undefined : await findPass(ctx.db, claimed.pass)
  const verdict = verifyPass(qr, {
    siteId: ctx.device.site_id,
    gateId: ctx.device.id,
    keys: await passKeysOf(ctx.db, ctx.device.site_id),
    revoked: new Set(row?.revoked_at_ms != null ? [row.id] : []),
    clockSynced: true,
    nowMs: ctx.receivedAtMs,
    usesBefore: row?.uses ?? 0
  })
  if (!verdict.ok) return { result: 'deny', reason: verdict.reason }
  // signed by the site's key but never issued here (or issued for another site): fail closed
  if (row == null || row.site_id !== ctx.device.site_id) return { result: 'deny', reason: 'FORGED' }
  return { result: 'allow', flags: [] }
}

export async function handleAccessRequest (ctx: EventContext, event: AccessRequestEvent): Promise<HandlerResult> {
  const { db, device, receivedAtMs: now } = ctx
  // the gate gave up waiting and its offline decision came first: that is what happened (replaced-request.ts)
  const replacedBy = await replacingDecision(db, device.id, event.eventId)
  if (replacedBy != null) return { kind: 'applied', summary: { replacedBy }, commands: [] }
  const gate = await settingsOf(ctx)
  const who = await whoPresented(ctx, event.credential)
  let verdict: Verdict
  if (event.credential.kind === 'pass') {
    verdict = device.status !== 'active'
      ? { result: 'deny', reason: 'DEVICE_DISABLED' }
      : !gate.directions.includes(event.direction) ? { result: 'deny', reason: 'DIRECTION_NOT_SERVED' } : await decidePass(ctx, event.credential.qr)
    // the uses read for the decision may be stale against the same pass at another gate: claim the use
    if (verdict.result === 'allow' && who.passId != null && !await claimPassUse(db, who.passId)) verdict = { result: 'deny', reason: 'EXHAUSTED' }
  } else {
    const uid = event.credential.card
    const card = await ctx.registry.card(uid)
    const zoned = gate.zone.antiPassback.mode !== 'off'
    verdict = decideAccess({
      gate: { site_id: device.site_id, status: device.status, directions: gate.directions, zone: gate.zone },
      card,
      household: card?.household_id != null ? await findHousehold(db, card.household_id) : undefined,
      schedule: card != null ? await scheduleOf(ctx, uid) : null,
      holidays: await holidaysOf(ctx),
      direction: event.direction,
      lastPassage: zoned ? await lastPassage(db, gate.zone.id, uid) : null,
      timeZone: ctx.site.timezone,
      nowMs: now
    })
    if (verdict.result === 'allow' && gate.zone.id !== '') {
      const rule = gate.zone.antiPassback
      if (rule.mode !== 'hard') await recordPassage(db, gate.zone.id, uid, event.direction, now)
      // the read above may be stale against a concurrent passage of the same card at another gate of the zone
      else if (!await claimPassage(db, gate.zone.id, uid, event.direction, now, rule.resetAfterMs)) verdict = { result: 'deny', reason: 'ANTI_PASSBACK' }
    }
  }

  const cmdId = newId('cmd', now)
  await recordAccess(db, {
    site_id: device.site_id, gate_id: device.id, event_id: event.eventId, at_ms: now, received_at_ms: now, mode: 'online',
    credential_kind: event.credential.kind, card_uid: who.cardUid, household_id: who.householdId, pass_id: who.passId,
    direction: event.direction, reader: event.reader, decision: verdict.result,
    reason: verdict.result === 'deny' ? verdict.reason : null, flags: JSON.stringify(verdict.result === 'allow' ? verdict.flags : [])
  })
  const command: CommandToSend = verdict.result === 'allow'
    ? { command: { type: 'gate-open', cmdId, ts: now, requestEventId: event.eventId, reader: event.reader, releaseMs: gate.releaseMs, expiresAtMs: now + OPEN_COMMAND_TTL_MS }, expiresAtMs: now + OPEN_COMMAND_TTL_MS }
    : { command: { type: 'gate-deny', cmdId, ts: now, requestEventId: event.eventId, reason: verdict.reason, message: denyMessages[verdict.reason] }, expiresAtMs: now + DENY_COMMAND_TTL_MS }
  return {
    kind: 'applied',
    summary: verdict.result === 'allow' ? { decision: 'allow', flags: verdict.flags, cmdId } : { decision: 'deny', reason: verdict.reason, cmdId },
    commands: [command]
  }
}

export async function handleOfflineDecision (ctx: EventContext, event: OfflineDecisionEvent): Promise<HandlerResult> {
  const { db, device, receivedAtMs: now } = ctx
  const who = await whoPresented(ctx, event.credential)
  const allowed = event.decision.result === 'allow'
  const gate = await settingsOf(ctx)
  // the access request it replaces, if answered already, gives way to it (replaced-request.ts)
  const replaced = event.requestEventId == null
    ? undefined
    : await giveWayToDecision(db, { id: device.id, siteId: device.site_id, timeZone: ctx.site.timezone, zoneId: gate.zone.id }, event.requestEventId, allowed)
  // an online "allow" of the request has counted the pass use and the passage already
  if (allowed && replaced?.onlineAllowed !== true) {
    if (who.passId != null) {
      const pass = await findPass(db, who.passId)
      if (pass?.site_id === device.site_id) await countPassUse(db, pass.id)
    }
    if (who.cardUid != null && gate.zone.id !== '') await recordPassage(db, gate.zone.id, who.cardUid, event.direction, event.ts)
  }
  await recordAccess(db, {
    site_id: device.site_id, gate_id: device.id, event_id: event.eventId, at_ms: event.ts, received_at_ms: now, mode: 'offline',
    credential_kind: event.credential.kind, card_uid: who.cardUid, household_id: who.householdId, pass_id: who.passId,
    direction: event.direction, reader: event.reader, decision: event.decision.result,
    reason: event.decision.result === 'deny' ? event.decision.reason : null, flags: '[]',
    allow_list_version: event.allowListVersion, clock_synced: event.clockSynced ? 1 : 0, request_event_id: event.requestEventId ?? null
  })
  const replacing = event.requestEventId == null ? {} : { replacedRequest: event.requestEventId, requestAnswered: replaced != null }
  return { kind: 'applied', summary: { decision: event.decision.result, offline: true, allowListVersion: event.allowListVersion, ...replacing }, commands: [] }
}
