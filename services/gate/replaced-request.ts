// An offline decision that replaces an access request (docs/protocol.md
// "Offline decisions replayed later"): the gate asked online, the answer did
// not come in time, and it decided alone. What happened at the door is the
// gate's decision, so that is what the store keeps, once, whichever of the two
// events arrives first (a device's events are handled in order, so the second
// one finds the first):
// - the request first: its answer had already moved state. When it let the
//   person through and the gate did not, that is moved back (the pass use it
//   claimed, the passage it recorded); when both let through, the decision
//   moves nothing again (a pass use is counted once). The request's row goes;
//   the decision's row, naming the request, takes its place.
// - the decision first: the request, arriving later, is not decided at all
//   (no row, no answer: the gate has long decided).
// Before, both counted: one visit spent two uses of a pass, and an online
// "allow" the gate never acted on left a phantom passage, so hard
// anti-passback refused the resident's next entry.
import type { Executor } from '../store/executor.ts'
import { localTime } from './local-time.ts'
import type { AccessLogRow } from './tables.ts'

/** The offline decision logged in place of this access request of the gate, if it arrived first. */
export async function replacingDecision (db: Executor, gateId: string, requestEventId: string): Promise<string | undefined> {
  const row = await db.selectFrom('access_log').select('event_id')
    .where('gate_id', '=', gateId).where('request_event_id', '=', requestEventId).executeTakeFirst()
  return row?.event_id
}

export interface ReplacedGate { id: string, siteId: string, timeZone: string, zoneId: string }

/**
 * The gate's access request `requestEventId`, answered before its offline decision arrived,
 * gives way to the decision: undefined when it has no row (not arrived, or never sent), else
 * whether its answer had let the person through (then the decision moves nothing again).
 */
export async function giveWayToDecision (db: Executor, gate: ReplacedGate, requestEventId: string, offlineAllowed: boolean): Promise<{ onlineAllowed: boolean } | undefined> {
  const request = await db.selectFrom('access_log').selectAll()
    .where('gate_id', '=', gate.id).where('event_id', '=', requestEventId).where('mode', '=', 'online').executeTakeFirst()
  if (request == null) return undefined
  await db.deleteFrom('access_log').where('seq', '=', request.seq).execute()
  // a day already rolled up for the reports counted the request: counted again without it
  await db.deleteFrom('gate_traffic_days').where('site_id', '=', gate.siteId)
    .where('local_day', '=', localTime(Number(request.at_ms), gate.timeZone).date).execute()
  const onlineAllowed = request.decision === 'allow'
  if (onlineAllowed && !offlineAllowed) await undoPassage(db, gate.zoneId, request)
  return { onlineAllowed }
}

/** What an online "allow" moved, moved back: the person did not pass. */
async function undoPassage (db: Executor, zoneId: string, request: AccessLogRow): Promise<void> {
  if (request.pass_id != null) {
    await db.updateTable('visitor_passes').set(eb => ({ uses: eb('uses', '-', 1) })).where('id', '=', request.pass_id).where('uses', '>', 0).execute()
  }
  const { card_uid: uid, direction } = request
  if (uid == null || zoneId === '' || direction == null) return
  // the card's last passage is again the one before: from the access log, the request's row gone
  const before = await db.selectFrom('access_log').innerJoin('gates', 'gates.device_id', 'access_log.gate_id')
    .select(['access_log.direction', 'access_log.at_ms'])
    .where('access_log.card_uid', '=', uid).where('gates.zone_id', '=', zoneId)
    .where('access_log.decision', '=', 'allow').where('access_log.direction', 'is not', null)
    .orderBy('access_log.at_ms', 'desc').limit(1).executeTakeFirst()
  // only while the request's passage is still the card's last: a later one (at another gate of
  // the zone, maybe committing right now) stands. The condition is checked on the locked row.
  const stillTheRequests = { zone_id: zoneId, card_uid: uid, direction, at_ms: Number(request.at_ms) }
  if (before?.direction == null) {
    await db.deleteFrom('gate_passages').where(eb => eb.and(stillTheRequests)).execute()
  } else {
    await db.updateTable('gate_passages').set({ direction: before.direction, at_ms: Number(before.at_ms) }).where(eb => eb.and(stillTheRequests)).execute()
  }
}
