// What telemetry an applied device event or a status message produces. Runs
// inside the batch transaction (it may read what the handler just wrote), so
// the points become durable exactly when the event does.
import type { ChargingMeterEvent } from '../../schemas/charging.ts'
import type { DepositEvent, DeviceStatus, SwipeEvent } from '../../schemas/device-events.ts'
import type { AccessRequestEvent, OfflineDecisionEvent } from '../../schemas/gate.ts'
import type { SessionOutcome } from '../charging/session-events.ts'
import type { EventType } from '../../schemas/topics.ts'
import type { LinePoints } from '../points/deposit-points.ts'
import type { Executor } from '../store/executor.ts'
import { chargingMeterPoints, depositPoints, gateAccessPoints, pointTime, statusPoints, swipePoints, type DeviceTags, type TelemetryPoint } from './points.ts'

/** Outcomes of a charging-meter event whose value the session stored (services/charging/charging-events.ts). */
const recordedMeterOutcomes: ReadonlySet<string> = new Set(['applied', 'applied_after_settlement'] satisfies SessionOutcome[])

export interface AppliedEvent {
  device: DeviceTags
  type: EventType
  event: unknown
  /** The handler's summary (stored in device_events.outcome). */
  summary: Record<string, unknown>
  receivedAtMs: number
  /** Oldest device time still trusted: the deposit window. */
  maxAgeMs: number
}

export async function eventTelemetry (db: Executor, applied: AppliedEvent): Promise<TelemetryPoint[]> {
  const { device, summary, receivedAtMs, maxAgeMs } = applied
  switch (applied.type) {
    case 'swipe': {
      const decision = summary.decision === 'open' ? 'open' : 'deny'
      return swipePoints({ device, event: applied.event as SwipeEvent, decision, reason: typeof summary.reason === 'string' ? summary.reason : undefined, receivedAtMs, maxAgeMs })
    }
    case 'deposit': {
      const event = applied.event as DepositEvent
      const deposit = await db.selectFrom('deposits').select(['lines', 'household_id', 'outcome', 'points_computed', 'points_credited'])
        .where('id', '=', String(summary.depositId)).executeTakeFirstOrThrow()
      const lines = (JSON.parse(deposit.lines) as LinePoints[]).map((l, i) => ({ ...l, count: event.lines[i]?.count }))
      return depositPoints({
        device, event, outcome: deposit.outcome, lines, pointsComputed: deposit.points_computed, pointsCredited: deposit.points_credited,
        householdId: deposit.household_id, receivedAtMs, maxAgeMs
      })
    }
    case 'charging-meter':
      // only a meter value the session recorded: not a repeated seq, another port's or one after the stop
      return recordedMeterOutcomes.has(String(summary.outcome))
        ? chargingMeterPoints({ device, event: applied.event as ChargingMeterEvent, receivedAtMs, maxAgeMs })
        : []
    // one point per visit: a request and the offline decision that replaced it (the answer came
    // too late, services/gate/replaced-request.ts) make one point, the first one recorded (a point
    // sent cannot be taken back)
    case 'access-request': {
      if (summary.replacedBy != null) return []
      const event = applied.event as AccessRequestEvent
      return gateAccessPoints({ device, decision: summary.decision === 'allow' ? 'allow' : 'deny', mode: 'online', direction: event.direction, atMs: receivedAtMs })
    }
    case 'offline-decision': {
      if (summary.requestAnswered === true) return []
      const event = applied.event as OfflineDecisionEvent
      return gateAccessPoints({ device, decision: event.decision.result, mode: 'offline', direction: event.direction, atMs: pointTime(event.ts, receivedAtMs, maxAgeMs) })
    }
    case 'door':
    case 'command-ack':
    case 'charging-swipe':
    case 'charging-started':
    case 'charging-stopped':
    case 'alarm': // alarms live in the alarms table (services/alarms/), not in telemetry
      return []
  }
}

export function statusTelemetry (device: DeviceTags, status: DeviceStatus, receivedAtMs: number, maxAgeMs: number): TelemetryPoint[] {
  return statusPoints(device, status, receivedAtMs, maxAgeMs)
}
