// The reports page's pure rules: the query for a period and scope (the table
// and the CSV link ask for the same report), and the chart's series.
import { categories } from '../../schemas/common.ts'
import type { SiteReport } from './api/types.ts'

export interface ReportChoice {
  period: 'day' | 'month'
  /** YYYY-MM-DD for a day, YYYY-MM for a month (the site's local calendar). */
  value: string
  /** One site, or null: every site the staff member may see (operators). */
  siteId: string | null
}

export function reportQuery (choice: ReportChoice, format: 'json' | 'csv' = 'json'): string {
  const q = new URLSearchParams()
  if (choice.siteId != null) q.set('siteId', choice.siteId)
  q.set(choice.period, choice.period === 'month' ? choice.value.slice(0, 7) : choice.value)
  q.set('format', format)
  return q.toString()
}

/** Grams as kilograms with 3 exact decimals (no floating-point sums), as the CSV writes them. */
export function kilograms (grams: number): string {
  return `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`
}

/** Watt-hours as kilowatt-hours with 3 exact decimals, as the CSV writes them. */
export const kilowattHours = kilograms

/** Kilograms per category (x) for each site (one series per site), for a grouped bar chart. */
export function categorySeries (reports: readonly SiteReport[]): { categories: string[], series: Array<{ name: string, kg: number[] }> } {
  return {
    categories: [...categories],
    series: reports.map(r => ({ name: r.siteName, kg: categories.map(c => (r.gramsByCategory[c] ?? 0) / 1000) }))
  }
}

/** YYYY-MM-DD of `ms` in the time zone (the browser's when none is given). */
export function localDay (ms: number, timeZone?: string): string {
  return new Date(ms).toLocaleDateString('sv-SE', timeZone != null ? { timeZone } : {})
}
