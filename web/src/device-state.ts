// A device's state as the grid colours it (pure): disabled wins over presence.
import type { Device } from './api/types.ts'

export type DeviceState = 'online' | 'offline' | 'disabled'

export function deviceState (d: Pick<Device, 'status' | 'online'>): DeviceState {
  if (d.status === 'disabled') return 'disabled'
  return d.online ? 'online' : 'offline'
}

/** 'all' rather than '': Element Plus' select shows an empty string as "nothing chosen". */
export interface DeviceFilter { kind: Device['kind'] | 'all'; state: DeviceState | 'all'; authFailure: boolean; text: string }

export function matches (d: Device, f: DeviceFilter): boolean {
  return (f.kind === 'all' || d.kind === f.kind) &&
    (f.state === 'all' || deviceState(d) === f.state) &&
    (!f.authFailure || d.lastAuthFailure != null) &&
    (f.text === '' || d.id.toLowerCase().includes(f.text.toLowerCase()) || d.name.toLowerCase().includes(f.text.toLowerCase()))
}
