// Device health for staff: presence, what the last status said (firmware,
// uptime, signal, bins, temperature, ports), commands still waiting for an
// ack, dead letters in the last 24 h and open alarms. One query per fact for
// a whole site, grouped by device, so a site page with 200 devices is 5 queries.
import type { PortStatus } from '../../schemas/charging.ts'
import { statusSchema } from '../../schemas/device-events.ts'
import type { Executor } from '../store/executor.ts'

export interface DeviceHealth {
  deviceId: string
  siteId: string
  kind: string
  name: string
  status: string
  online: boolean
  lastSeenAtMs: number | null
  firmware: string | null
  uptimeS: number | null
  rssiDbm: number | null
  temperatureC: number | null
  bins: Array<{ category: string, fillPct: number }>
  /** Port states as the pile's last status listed them, by port number. */
  ports: PortStatus[]
  unacknowledgedCommands: number
  deadLetters24h: number
  openAlarms: number
}

const dayMs = 86_400_000

export async function deviceHealth (db: Executor, where: { siteId: string } | { deviceId: string }, nowMs: number): Promise<DeviceHealth[]> {
  let devices = db.selectFrom('devices').select(['id', 'site_id', 'kind', 'name', 'status', 'online', 'last_seen_at_ms', 'last_status'])
  devices = 'siteId' in where ? devices.where('site_id', '=', where.siteId) : devices.where('id', '=', where.deviceId)
  const rows = await devices.orderBy('id').execute()
  if (rows.length === 0) return []
  const ids = rows.map(r => r.id)
  const countBy = async (query: Promise<Array<{ device_id: string | null, n: string | number | bigint }>>) =>
    new Map((await query).map(r => [r.device_id ?? '', Number(r.n)]))
  const commands = await countBy(db.selectFrom('commands').select(eb => ['device_id', eb.fn.countAll<string>().as('n')])
    .where('device_id', 'in', ids).where('status', '=', 'pending').groupBy('device_id').execute())
  const deadLetters = await countBy(db.selectFrom('dead_letters').select(eb => ['device_id', eb.fn.countAll<string>().as('n')])
    .where('device_id', 'in', ids).where('received_at_ms', '>=', nowMs - dayMs).groupBy('device_id').execute())
  const alarms = await countBy(db.selectFrom('alarms').select(eb => ['device_id', eb.fn.countAll<string>().as('n')])
    .where('device_id', 'in', ids).where('open_key', 'is not', null).groupBy('device_id').execute())
  return rows.map(r => {
    const parsed = statusSchema.safeParse(r.last_status == null ? null : JSON.parse(r.last_status))
    const status = parsed.success ? parsed.data : undefined
    return {
      deviceId: r.id,
      siteId: r.site_id,
      kind: r.kind,
      name: r.name,
      status: r.status,
      online: r.online === 1,
      lastSeenAtMs: r.last_seen_at_ms == null ? null : Number(r.last_seen_at_ms),
      firmware: status?.firmware ?? null,
      uptimeS: status?.uptimeS ?? null,
      rssiDbm: status?.rssiDbm ?? null,
      temperatureC: status?.temperatureC ?? null,
      bins: status?.bins ?? [],
      ports: [...status?.ports ?? []].sort((a, b) => a.port - b.port),
      unacknowledgedCommands: commands.get(r.id) ?? 0,
      deadLetters24h: deadLetters.get(r.id) ?? 0,
      openAlarms: alarms.get(r.id) ?? 0
    }
  })
}
