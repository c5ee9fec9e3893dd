// The real logger (services/logger.ts, with its redaction) writing into memory,
// so a test can read exactly what would have reached the log files.
import type { Config } from '../../services/config.ts'
import { createLogger, type Logger } from '../../services/logger.ts'

export interface CapturedLog {
  log: Logger
  /** Everything written so far, one JSON object per line. */
  text: () => string
  records: () => Array<Record<string, unknown>>
}

export function capturedLog (level: Config['LOG_LEVEL'] = 'trace'): CapturedLog {
  const lines: string[] = []
  const log = createLogger({ LOG_LEVEL: level }, false, { write: (line: string) => { lines.push(line) } })
  return {
    log,
    text: () => lines.join(''),
    records: () => lines.map(line => JSON.parse(line) as Record<string, unknown>)
  }
}
