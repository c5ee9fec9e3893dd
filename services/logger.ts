// One pino root per process; modules take `log.child({ module })`.
import { pino, type DestinationStream, type Logger } from 'pino'
import type { Config } from './config.ts'
import { censor, redactPaths, redactUrl } from './redaction.ts'

export type { Logger }

/** What fastify logs of a request ("incoming request"): its URL with card numbers masked. */
interface LoggedRequest { method?: string, url?: string, params?: unknown, ip?: string, host?: string, socket?: { remotePort?: number } }

/**
 * Card numbers, device secrets and staff tokens never reach the logs: the
 * fields named in services/redaction.ts are masked wherever they are logged,
 * and request URLs (`/api/cards/<uid>`) are logged masked.
 */
export function createLogger (config: Pick<Config, 'LOG_LEVEL'>, pretty = process.stdout.isTTY, destination?: DestinationStream): Logger {
  const options = {
    level: config.LOG_LEVEL,
    redact: { paths: redactPaths(), censor },
    serializers: {
      // replaces fastify's own request serializer (it logs the raw URL)
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: req.url == null ? undefined : redactUrl(req.url, req.params),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort
      })
    },
    ...(pretty && destination == null ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {})
  }
  return destination == null ? pino(options) : pino(options, destination)
}
