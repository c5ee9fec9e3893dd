// One pino root per process; modules take `log.child({ module })`.
import { pino, type Logger } from 'pino'
import type { Config } from './config.ts'

export type { Logger }

export function createLogger (config: Pick<Config, 'LOG_LEVEL'>, pretty = process.stdout.isTTY): Logger {
  return pino({
    level: config.LOG_LEVEL,
    // card numbers, device secrets and staff tokens never reach the logs
    redact: { paths: ['card', '*.card', 'secret', '*.secret', 'token', '*.token', 'req.headers.authorization', 'password'], censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {})
  })
}
