// Test-data builders for alarms: a plain open alarm unless told otherwise.
import { newAlarm, type Actor, type Alarm, type AlarmKey } from '../../../services/alarms/alarm.ts'

export const T0 = 1_700_000_000_000
export const minutes = (n: number) => n * 60_000

export const staff: Actor = { kind: 'staff', id: 'stf_ann' }
export const rule: Actor = { kind: 'rule', id: 'offline' }
export const device: Actor = { kind: 'device', id: 'k1' }
export const system: Actor = { kind: 'system', id: 'backend' }

export function aKey (over: Partial<AlarmKey> = {}): AlarmKey {
  return { siteId: 's1', deviceId: 'k1', type: 'offline', source: '', ...over }
}

export function anAlarm (over: Partial<Alarm> = {}): Alarm {
  const base = newAlarm('alm_1', aKey(), 'major', null, T0)
  // one episode unless told otherwise: it began when the alarm did
  return { ...base, ...over, activeSinceMs: over.activeSinceMs ?? over.firstAtMs ?? base.activeSinceMs }
}
