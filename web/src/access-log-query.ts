// The access log's filters as the API's query string: the table's request and
// the CSV link ask for exactly the same rows. Empty filters are left out.
export interface AccessLogFilter {
  gateId: string
  card: string
  decision: '' | 'allow' | 'deny'
  mode: '' | 'online' | 'offline' | 'remote'
  /** [from, until) in ms since the epoch, or null for no bound. */
  fromMs: number | null
  untilMs: number | null
}

export const noFilter: AccessLogFilter = { gateId: '', card: '', decision: '', mode: '', fromMs: null, untilMs: null }

export function accessLogQuery (filter: AccessLogFilter, limit?: number): string {
  const q = new URLSearchParams()
  if (filter.gateId !== '') q.set('gateId', filter.gateId)
  if (filter.card.trim() !== '') q.set('card', filter.card.trim())
  if (filter.decision !== '') q.set('decision', filter.decision)
  if (filter.mode !== '') q.set('mode', filter.mode)
  if (filter.fromMs != null) q.set('from', String(filter.fromMs))
  if (filter.untilMs != null) q.set('until', String(filter.untilMs))
  if (limit != null) q.set('limit', String(limit))
  return q.toString()
}
