// The report figure's gates and charging (issue 12): a month of a
// 3,000-household compound's access log (about three passages per household a
// day, ≈ 280,000 rows: mostly online, some decided offline and replayed within
// the hour, a few replayed days late; some denials and visitor passes, a few
// remote opens) and its charging (a fifth of the households charge each day,
// ≈ 18,600 settled sessions, each with its ledger charge). Returns the rows to
// insert and what the report must say about them.
import type { GateTraffic } from '../../services/reports/gate-traffic.ts'
import { dayStartMs } from '../../services/reports/periods.ts'

const hourMs = 3_600_000

export interface Activity {
  accessLog: Array<Record<string, unknown>>
  chargers: Array<Record<string, unknown>>
  sessions: Array<Record<string, unknown>>
  /** One ledger charge per session, for the caller's ledger. */
  charges: Array<{ householdId: string, points: number, atMs: number }>
  expected: { gate: GateTraffic, sessions: number, energyWh: number, revenuePoints: number }
}

export function monthActivity (siteId: string, timeZone: string, days: readonly string[], householdIds: readonly string[], random: () => number): Activity {
  const gate: GateTraffic = { grantedIn: 0, grantedOut: 0, remoteOpens: 0, denied: 0, offline: 0, visitorEntries: 0 }
  const accessLog: Activity['accessLog'] = []
  const sessions: Activity['sessions'] = []
  const charges: Activity['charges'] = []
  const chargers = Array.from({ length: 20 }, (_, i) => ({ id: `rc${i}`, site_id: siteId, kind: 'charger', name: `pile ${i}`, secret_hash: 'x', status: 'active', created_at_ms: 0, online: 0, last_seen_at_ms: null, last_status: null }))
  let energyWh = 0
  for (const day of days) {
    const start = dayStartMs(day, timeZone)
    const at = () => start + 6 * hourMs + Math.floor(random() * 17 * hourMs)
    const passage = (householdId: string | null, direction: 'in' | 'out' | null) => {
      const atMs = at()
      const r = random()
      const mode = householdId == null ? 'remote' : r < 0.05 ? 'offline' : 'online'
      const receivedAtMs = mode !== 'offline' ? atMs : r < 0.003 ? atMs + 3 * 24 * hourMs : atMs + 30 * 60_000
      const denied = mode !== 'remote' && random() < 0.03
      const pass = householdId != null && direction === 'in' && random() < 0.02
      accessLog.push({
        site_id: siteId, gate_id: `rg${accessLog.length % 8}`, event_id: `ra${accessLog.length}`, at_ms: atMs, received_at_ms: receivedAtMs, mode,
        credential_kind: mode === 'remote' ? 'staff' : pass ? 'pass' : 'card', card_uid: pass || mode === 'remote' ? null : `card-${householdId ?? ''}`, household_id: pass ? null : householdId,
        pass_id: pass ? `vp${accessLog.length}` : null, staff_id: mode === 'remote' ? 'staff-1' : null, note: mode === 'remote' ? 'delivery' : null, direction, reader: 0,
        decision: denied ? 'deny' : 'allow', reason: denied ? 'CARD_BLOCKED' : null, flags: '[]', allow_list_version: null, clock_synced: null, late: receivedAtMs - atMs > 24 * hourMs ? 1 : 0
      })
      if (mode === 'remote') gate.remoteOpens++
      if (mode === 'offline') gate.offline++
      if (denied) gate.denied++
      else if (direction === 'in') { gate.grantedIn++; if (pass) gate.visitorEntries++ } else if (direction === 'out') gate.grantedOut++
    }
    for (const h of householdIds) {
      const n = Math.floor(random() * 7) // 0–6 passages, 3 on average
      for (let i = 0; i < n; i++) passage(h, i % 2 === 0 ? 'out' : 'in')
      if (random() >= 0.2) continue
      const endedAtMs = at()
      const wh = 200 + Math.floor(random() * 1300)
      const points = 20 + Math.floor(random() * 80)
      const id = `rcs${sessions.length}`
      sessions.push({
        id, site_id: siteId, device_id: `rc${sessions.length % 20}`, port: 1 + (sessions.length % 10), household_id: h, card_uid: null, started_by: 'card', staff_id: null,
        status: 'stopped', active_port_key: null, tariff_id: 'rt', hold_id: `rhd${sessions.length}`, hold_points: 500, start_cmd_id: `rcmd${sessions.length}`, state: '{}',
        cost_points: points, charged_points: points, last_power_w: 0, end_reason: random() < 0.02 ? 'FAULT' : 'FULL', created_at_ms: endedAtMs - 2 * hourMs,
        last_heard_at_ms: endedAtMs, ended_at_ms: endedAtMs, energy_wh: wh
      })
      charges.push({ householdId: h, points, atMs: endedAtMs })
      energyWh += wh
    }
    for (let i = 0; i < 20; i++) passage(null, null)
  }
  return { accessLog, chargers, sessions, charges, expected: { gate, sessions: sessions.length, energyWh, revenuePoints: charges.reduce((s, c) => s + c.points, 0) } }
}
