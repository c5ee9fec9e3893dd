// The CLI's changes in the same audit log as the staff's HTTP actions: who
// (`cli:<system user>`, with the CLI's full rights as role admin), which
// command, its options (summarised and redacted like a request body), the
// outcome and when. A change commits together with its row; a refused
// command leaves a row of its own, as a refused request does.
import { userInfo } from 'node:os'
import { summarizeBody, type AuditRecord } from '../audit/audit-log.ts'
import { newId } from '../ids.ts'
import type { Values } from './command-kit.ts'

/** Options that steer the CLI itself, not the change. */
const cliSwitches = new Set(['json', 'create', 'help'])

function systemUser (): string {
  try { return userInfo().username } catch { return 'unknown' }
}

export function cliAuditRecord (command: string, values: Values, statusCode: number, startedMs: number, nowMs = Date.now()): AuditRecord {
  const options = Object.fromEntries(Object.entries(values).filter(([name, value]) => !cliSwitches.has(name) && value !== undefined))
  return {
    atMs: nowMs,
    staffId: `cli:${systemUser()}`,
    staffRole: 'admin',
    staffSiteId: null,
    method: 'CLI',
    route: `ctl ${command}`,
    params: {},
    bodySummary: summarizeBody(options),
    statusCode,
    ip: 'local',
    userAgent: `ctl (pid ${process.pid})`,
    requestId: newId('cli', nowMs),
    durationMs: nowMs - startedMs
  }
}
