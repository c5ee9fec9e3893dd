// The kiosk flow: swipe → open/deny, door, deposit → points → display.
// Decisions come from pure rules (swipe-decision, deposit-points); this file
// reads and writes the store inside the batch transaction, through the
// kiosk's precompiled statements (kiosk-repository, deposit-credit).
import type { DepositEvent, DoorEvent, SwipeEvent } from '../../schemas/device-events.ts'
import { errorCodes } from '../../schemas/error-codes.ts'
import { newId } from '../ids.ts'
import type { CommandToSend, EventContext, HandlerResult } from '../ingest/event-context.ts'
import { assessDeposit } from '../points/deposit-points.ts'
import { localDay } from '../points/local-day.ts'
import type { DepositOutcome } from '../store/database.ts'
import { creditDeposit } from './deposit-credit.ts'
import { balanceOf, findHousehold, findSession, openSession, recordDeposit, setDoorState } from './kiosk-repository.ts'
import { decideSwipe } from './swipe-decision.ts'

const DENY_COMMAND_TTL_MS = 60_000
const DISPLAY_COMMAND_TTL_MS = 10 * 60_000

export async function handleSwipe (ctx: EventContext, event: SwipeEvent): Promise<HandlerResult> {
  const { db, device, receivedAtMs: now } = ctx
  const card = await ctx.registry.card(event.card)
  const household = card?.household_id != null ? await findHousehold(db, card.household_id) : undefined
  const decision = decideSwipe(device, card, household)
  const cmdId = newId('cmd', now)

  if (decision.kind === 'deny') {
    const deny: CommandToSend = {
      command: { type: 'deny', cmdId, ts: now, swipeEventId: event.eventId, reason: decision.reason, message: errorCodes[decision.reason] },
      expiresAtMs: now + DENY_COMMAND_TTL_MS
    }
    return { kind: 'applied', summary: { decision: 'deny', reason: decision.reason, cmdId }, commands: [deny] }
  }

  const sessionId = newId('ses', now)
  const openExpiresAtMs = now + ctx.sessionOpenWindowMs
  await openSession(db, {
    id: sessionId,
    device_id: device.id,
    site_id: device.site_id,
    household_id: decision.household.id,
    swipe_event_id: event.eventId,
    opened_at_ms: now,
    open_expires_at_ms: openExpiresAtMs,
    deposit_expires_at_ms: now + ctx.sessionDepositWindowMs,
    local_day: localDay(now, ctx.site.timezone),
    status: 'open',
    door_state: null,
    deposit_event_id: null
  })
  const open: CommandToSend = {
    command: { type: 'open', cmdId, ts: now, sessionId, swipeEventId: event.eventId, balancePoints: decision.household.balance_points, expiresAtMs: openExpiresAtMs },
    expiresAtMs: openExpiresAtMs
  }
  return { kind: 'applied', summary: { decision: 'open', sessionId, householdId: decision.household.id, cmdId }, commands: [open] }
}

export async function handleDoor (ctx: EventContext, event: DoorEvent): Promise<HandlerResult> {
  if (!await setDoorState(ctx.db, event.sessionId, ctx.device.id, event.state)) return { kind: 'rejected', code: 'SESSION_UNKNOWN', message: `no session ${event.sessionId} on this kiosk` }
  return { kind: 'applied', summary: { sessionId: event.sessionId, door: event.state }, commands: [] }
}

export async function handleDeposit (ctx: EventContext, event: DepositEvent): Promise<HandlerResult> {
  const { db, device, site, receivedAtMs: now } = ctx
  const session = await findSession(db, event.sessionId, device.id)
  if (session == null) return { kind: 'rejected', code: 'SESSION_UNKNOWN', message: `no session ${event.sessionId} on this kiosk` }
  if (session.status !== 'open') return { kind: 'rejected', code: 'SESSION_CLOSED', message: `session ${session.id} already took deposit ${session.deposit_event_id ?? ''}` }

  const assessment = assessDeposit(event.lines, site.rateTable)
  // A kiosk offline for longer than the deposit window replays its deposit late: the resident's
  // points are not lost, staff decide on them like any other deposit in review.
  if (now > session.deposit_expires_at_ms) assessment.reviewReasons.push({ code: 'LATE_REPLAY', sessionId: session.id, depositExpiredAtMs: session.deposit_expires_at_ms })
  const depositId = `${device.id}:${event.eventId}`
  let outcome: DepositOutcome
  let credited = 0
  let entryId: string | null = null
  let balanceAfter: number | undefined

  if (assessment.reviewReasons.length > 0) {
    outcome = 'review'
    await db.insertInto('review_items').values({
      id: newId('rev', now), deposit_id: depositId, household_id: session.household_id, site_id: session.site_id,
      reasons: JSON.stringify(assessment.reviewReasons), points_computed: assessment.pointsComputed, status: 'pending',
      decided_by: null, decided_at_ms: null, entry_id: null, created_at_ms: now
    }).execute()
  } else {
    const credit = await creditDeposit(db, {
      householdId: session.household_id, depositId, localDay: session.local_day, pointsComputed: assessment.pointsComputed,
      dailyCapPoints: site.rateTable.dailyCapPoints, idempotencyKey: `deposit:${depositId}`, nowMs: now
    })
    credited = credit.credited
    outcome = credited < assessment.pointsComputed ? 'capped' : 'credited'
    entryId = credit.entry?.id ?? null
    balanceAfter = credit.entry?.balance_after
  }

  await recordDeposit(db, {
    id: depositId, device_id: device.id, site_id: session.site_id, session_id: session.id, household_id: session.household_id,
    event_id: event.eventId, lines: JSON.stringify(assessment.lines), total_grams: assessment.totalGrams,
    points_computed: assessment.pointsComputed, points_credited: credited, outcome, entry_id: entryId,
    local_day: session.local_day, device_ts: event.ts, received_at_ms: now
  })

  // the ledger entry carries the balance after it; read it only when nothing was credited
  const balancePoints = balanceAfter ?? await balanceOf(db, session.household_id)
  const display: CommandToSend = {
    command: {
      type: 'display', cmdId: newId('cmd', now), ts: now, sessionId: session.id, depositEventId: event.eventId,
      pointsEarned: credited, balancePoints, outcome, message: displayMessage(outcome, credited, balancePoints)
    },
    expiresAtMs: now + DISPLAY_COMMAND_TTL_MS
  }
  return {
    kind: 'applied',
    summary: { depositId, outcome, pointsComputed: assessment.pointsComputed, pointsCredited: credited },
    commands: [display],
    pointsCredited: credited,
    toReview: outcome === 'review'
  }
}

function displayMessage (outcome: DepositOutcome, credited: number, balance: number): string {
  switch (outcome) {
    case 'credited': return `+${credited} points. Balance ${balance}.`
    case 'capped': return `+${credited} points (daily limit reached). Balance ${balance}.`
    case 'review': return `Deposit received; points pending staff review. Balance ${balance}.`
  }
}
