// Reports as CSV (RFC 4180: comma, CRLF, quotes doubled), one row per site
// and the total last. Kilograms and yuan are exact decimals of the integer
// grams and points, never floating-point sums.
import { categories } from '../../schemas/common.ts'
import type { SiteReport } from './site-report.ts'

export function kg (grams: number): string {
  return `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`
}

function cell (value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const csvHeader = [
  'site_id', 'site_name', 'from', 'to', 'households', 'participating_households', 'participation_rate', 'deposits', 'deposits_in_review',
  ...categories.map(c => `kg_${c}`), 'points_issued', 'points_redeemed', 'points_corrections', 'points_outstanding', 'liability_yuan'
]

export function reportsCsv (reports: readonly SiteReport[]): string {
  const rows = reports.map(r => [
    r.siteId, r.siteName, r.from, r.to, r.households, r.participatingHouseholds, r.participationRate.toFixed(4), r.deposits, r.depositsInReview,
    ...categories.map(c => kg(r.gramsByCategory[c])), r.points.issued, r.points.redeemed, r.points.corrections, r.points.outstanding, r.liabilityYuan
  ])
  return [csvHeader, ...rows].map(row => row.map(cell).join(',')).join('\r\n') + '\r\n'
}
