// The InfluxDB adapter: one HTTP write per call through the client library's
// Transport (@influxdata/influxdb-client), with no buffering and no retries
// of its own: the shipper decides what a failure means. (The library's
// WriteApi keeps its retry buffer in memory and drops lines on overflow and
// on 4xx: see docs/telemetry.md.)
import { HttpError, InfluxDB } from '@influxdata/influxdb-client'

export interface InfluxTarget {
  url: string
  token?: string | undefined
  org: string
  bucket: string
  /** Per request; a timed-out write is retried (and upserts: renderLine). */
  timeoutMs?: number
}

/**
 * - `retry`: the server or the network failed (5xx, 408, 429, timeout, refused); try again later.
 * - `hold`: the server refuses us, not the data (401, 403, 404 bucket/database missing): a
 *   configuration fault; keep the rows and retry later, loudly.
 * - `reject`: the server refuses the data (400, 413, 422 …): isolate the bad lines and
 *   dead-letter them.
 */
export type WriteFailureKind = 'retry' | 'hold' | 'reject'

export class TelemetryWriteError extends Error {
  override name = 'TelemetryWriteError'
  constructor (readonly kind: WriteFailureKind, message: string, readonly status?: number, readonly retryAfterMs?: number) {
    super(message)
  }
}

export interface TelemetryWriter {
  /** Resolves when InfluxDB confirmed (2xx); rejects with a TelemetryWriteError. */
  write: (lines: readonly string[], signal?: AbortSignal) => Promise<void>
}

export function classifyStatus (status: number): WriteFailureKind {
  if (status === 408 || status === 429 || status >= 500) return 'retry'
  if (status === 401 || status === 403 || status === 404) return 'hold'
  return 'reject'
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter (value: string | string[] | undefined, nowMs = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (text == null || text.trim() === '') return undefined
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

export function toWriteError (err: unknown): TelemetryWriteError {
  if (err instanceof TelemetryWriteError) return err
  if (err instanceof HttpError) {
    const reason = (err.body != null && err.body !== '' ? err.body : err.message).slice(0, 2000)
    return new TelemetryWriteError(classifyStatus(err.statusCode), reason, err.statusCode, parseRetryAfter(err.headers?.['retry-after']))
  }
  const e = err as { message?: string, code?: string }
  return new TelemetryWriteError('retry', `${e.code ?? ''} ${e.message ?? String(err)}`.trim())
}

export function createInfluxWriter (target: InfluxTarget): TelemetryWriter {
  const { transport } = new InfluxDB({ url: target.url, token: target.token, timeout: target.timeoutMs ?? 10_000 })
  const path = `/api/v2/write?org=${encodeURIComponent(target.org)}&bucket=${encodeURIComponent(target.bucket)}&precision=ns`
  return {
    write (lines, signal) {
      return new Promise<void>((resolve, reject) => {
        let status: number | undefined
        transport.send(path, lines.join('\n'), {
          method: 'POST',
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          gzipThreshold: 1000,
          ...(signal != null ? { signal } : {})
        }, {
          responseStarted (_headers, statusCode) { status = statusCode },
          error (err) { reject(toWriteError(err)) },
          complete () {
            // only a 2xx counts as confirmed; anything else is not done
            if (status != null && status >= 200 && status < 300) resolve()
            else reject(new TelemetryWriteError(status == null ? 'retry' : classifyStatus(status), `no confirmation (HTTP ${String(status)})`, status))
          }
        })
      })
    }
  }
}
