// The web figures' compound: one site with `devices` devices (kiosks, gates
// and piles in a 6:2:2 mix; one in ten offline, one in fifty disabled, the
// online ones with a recent status), and a manager of that site who signs in
// with a password, as property staff do. Rows are inserted in bulk: the
// figure measures the pages, not provisioning.
import { createSite } from '../../services/sites/site-registry.ts'
import { createStaff } from '../../services/staff/staff.ts'
import type { DeviceKind } from '../../services/devices/tables.ts'
import type { Executor } from '../../services/store/executor.ts'
import { setStaffPassword } from '../../services/web-sessions/staff-passwords.ts'

export interface WebSite { siteId: string, username: string, devices: number, online: number }

export const webDeviceId = (siteId: string, i: number) => `${siteId}-${String(i).padStart(5, '0')}`

const kindOf = (i: number): DeviceKind => i % 10 < 6 ? 'kiosk' : i % 10 < 8 ? 'gate' : 'charger'

export async function seedWebSite (db: Executor, input: { siteId: string, devices: number, password: string }, nowMs = Date.now()): Promise<WebSite> {
  await createSite(db, { id: input.siteId, name: `Web bench ${input.siteId}` }, nowMs)
  const rows = Array.from({ length: input.devices }, (_, i) => {
    const disabled = i % 50 === 49
    const online = !disabled && i % 10 !== 9
    return {
      id: webDeviceId(input.siteId, i), site_id: input.siteId, kind: kindOf(i), name: webDeviceId(input.siteId, i),
      // nobody connects in this figure: a hash no secret matches
      secret_hash: 'hmac-sha256$bench-web-no-secret', status: disabled ? 'disabled' as const : 'active' as const, created_at_ms: nowMs,
      online: online ? 1 : 0,
      last_seen_at_ms: nowMs - (online ? 30_000 : 3_600_000),
      last_status: online ? JSON.stringify({ online: true, firmware: '2.1.0', uptimeS: 86_400, rssi: -61 }) : null
    }
  })
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('devices').values(rows.slice(i, i + 500)).execute()
  const username = `bench-web-${input.siteId}`
  const { staff } = await createStaff(db, { username, name: 'Bench manager', role: 'manager', siteId: input.siteId }, nowMs)
  await setStaffPassword(db, staff.id, input.password, nowMs)
  return { siteId: input.siteId, username, devices: input.devices, online: rows.filter(r => r.online === 1).length }
}
