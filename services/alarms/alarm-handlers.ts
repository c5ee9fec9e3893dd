// The `alarm` event every device kind sends (schemas/alarm.ts): raise counts
// or opens the device's alarm of that type and bin/port, clear clears it.
// Runs in the ingest's batch transaction like every handler, so the alarm and
// the once-only event record commit together: a replayed alarm event is seen
// as a replay and counted once.
import type { AlarmEvent, DeviceAlarmType } from '../../schemas/alarm.ts'
import type { EventContext, HandlerResult } from '../ingest/event-context.ts'
import type { KindHandlers } from '../ingest/handler-table.ts'
import type { AlarmKey, Severity } from './alarm.ts'
import type { Transition } from './alarm-lifecycle.ts'
import { changeAlarm, findOpenAlarm, raiseAlarm } from './alarm-repository.ts'

/** What a device alarm means when the device does not say: fire first, nuisances last. */
export const defaultDeviceAlarmSeverity: Record<DeviceAlarmType, Severity> = {
  smoke: 'critical',
  'over-temperature': 'critical',
  'door-forced': 'major',
  tamper: 'major',
  'over-power': 'major',
  temperature: 'major',
  'scale-fault': 'minor',
  'door-held': 'minor'
}

/** The alarm a device event is about: one per (device, type, bin or port). */
export function deviceAlarmKey (device: { id: string, site_id: string }, event: Pick<AlarmEvent, 'type' | 'bin' | 'port'>): AlarmKey {
  const source = event.bin ?? (event.port != null ? `port-${event.port}` : '')
  return { siteId: device.site_id, deviceId: device.id, type: event.type, source }
}

/**
 * When the condition happened: the device's time, so a replay after an outage keeps its order
 * and age, unless that time is ahead of the backend's (an alarm from the future would never
 * escalate) or older than `maxAgeMs` (an unset clock, e.g. 1970, would escalate at once).
 */
export function alarmTimeMs (deviceTs: number, receivedAtMs: number, maxAgeMs: number): number {
  return deviceTs <= receivedAtMs && deviceTs >= receivedAtMs - maxAgeMs ? deviceTs : receivedAtMs
}

async function handleAlarm (ctx: EventContext, event: AlarmEvent): Promise<HandlerResult> {
  const key = deviceAlarmKey(ctx.device, event)
  const atMs = alarmTimeMs(event.ts, ctx.receivedAtMs, ctx.sessionDepositWindowMs)
  const actor = { kind: 'device' as const, id: ctx.device.id }
  let result: Transition
  if (event.state === 'raised') {
    result = await raiseAlarm(ctx.db, { key, severity: event.severity ?? defaultDeviceAlarmSeverity[event.type], message: event.message ?? null }, actor, atMs)
  } else {
    const open = await findOpenAlarm(ctx.db, key)
    // nothing open or already cleared (staff cleared it, or the raise predates this backend): a no-op, not an error
    if (open == null || !open.active) return { kind: 'applied', summary: { alarmId: open?.id ?? null, state: 'cleared', changed: false }, commands: [] }
    result = await changeAlarm(ctx.db, open.id, { kind: 'clear' }, actor, atMs)
  }
  if (!result.ok) return { kind: 'rejected', code: 'ALARM_REFUSED', message: `${result.code}: ${result.message}` }
  return { kind: 'applied', summary: { alarmId: result.alarm.id, state: event.state, changed: true, count: result.alarm.count }, commands: [] }
}

export const alarmHandlers: KindHandlers = { alarm: handleAlarm }
