// The access log as CSV, streamed page by page (a month of a large compound
// is millions of rows: never built in memory). RFC 4180: CRLF line ends,
// fields with a comma, quote or line break quoted, quotes doubled; a field
// starting with = + - @ is prefixed with ' so a spreadsheet does not run it.
import { Readable } from 'node:stream'
import type { Executor } from '../store/executor.ts'
import { listAccess, type AccessLogCursor, type AccessLogFilter } from './access-log.ts'
import type { AccessLogRow } from './tables.ts'

const PAGE = 500
export const csvHeader = ['time_utc', 'at_ms', 'site', 'gate', 'mode', 'credential', 'card', 'household', 'pass', 'staff', 'direction', 'reader', 'decision', 'reason', 'flags', 'note', 'event_id', 'allow_list_version', 'clock_synced', 'request_event_id']

export function csvField (value: string | number | null): string {
  if (value == null) return ''
  let text = String(value)
  if (/^[=+\-@]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvLine (row: AccessLogRow): string {
  return [new Date(row.at_ms).toISOString(), row.at_ms, row.site_id, row.gate_id, row.mode, row.credential_kind, row.card_uid, row.household_id, row.pass_id,
    row.staff_id, row.direction, row.reader, row.decision, row.reason, (JSON.parse(row.flags) as string[]).join(' '), row.note, row.event_id,
    row.allow_list_version, row.clock_synced == null ? null : row.clock_synced === 1 ? 'yes' : 'no', row.request_event_id].map(csvField).join(',') + '\r\n'
}

export function accessLogCsv (db: Executor, filter: AccessLogFilter): Readable {
  async function * lines (): AsyncGenerator<string> {
    yield csvHeader.join(',') + '\r\n'
    let cursor: AccessLogCursor | undefined
    do {
      const page = await listAccess(db, filter, PAGE, cursor)
      yield page.rows.map(csvLine).join('')
      cursor = page.next ?? undefined
    } while (cursor != null)
  }
  return Readable.from(lines())
}
