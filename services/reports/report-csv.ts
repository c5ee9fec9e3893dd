// Reports as CSV (RFC 4180: comma, CRLF, quotes doubled), one row per site
// and the total last. Kilograms and yuan are exact decimals of the integer
// grams, watt-hours and points, never floating-point sums.
import { categories } from '../../schemas/common.ts'
import type { SiteReport } from './site-report.ts'

/** An exact decimal of thousandths: grams as kilograms, Wh as kWh. */
function thousandths (n: number): string {
  return `${Math.floor(n / 1000)}.${String(n % 1000).padStart(3, '0')}`
}
export const kg = thousandths
export const kwh = thousandths

function cell (value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const csvHeader = [
  'site_id', 'site_name', 'from', 'to', 'households', 'participating_households', 'participation_rate', 'deposits', 'deposits_in_review',
  ...categories.map(c => `kg_${c}`), 'points_issued', 'points_redeemed', 'points_corrections', 'points_outstanding', 'liability_yuan',
  'gate_granted_in', 'gate_granted_out', 'gate_remote_opens', 'gate_denied', 'gate_offline', 'gate_visitor_entries',
  'charging_sessions', 'charging_kwh', 'charging_fault_stops', 'charging_revenue_points', 'charging_revenue_yuan'
]

export function reportsCsv (reports: readonly SiteReport[]): string {
  const rows = reports.map(r => [
    r.siteId, r.siteName, r.from, r.to, r.households, r.participatingHouseholds, r.participationRate.toFixed(4), r.deposits, r.depositsInReview,
    ...categories.map(c => kg(r.gramsByCategory[c])), r.points.issued, r.points.redeemed, r.points.corrections, r.points.outstanding, r.liabilityYuan,
    r.gate.grantedIn, r.gate.grantedOut, r.gate.remoteOpens, r.gate.denied, r.gate.offline, r.gate.visitorEntries,
    r.charging.sessions, kwh(r.charging.energyWh), r.charging.faultStops, r.charging.revenuePoints, r.charging.revenueYuan
  ])
  return [csvHeader, ...rows].map(row => row.map(cell).join(',')).join('\r\n') + '\r\n'
}
