// The one place that reads the environment. Everything else gets a Config.
import { z } from 'zod'

const port = z.coerce.number().int().min(0).max(65535)

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MQTT_HOST: z.string().default('0.0.0.0'),
  MQTT_PORT: port.default(1883),
  /** MQTT over WebSocket; unset = off. */
  MQTT_WS_PORT: port.optional(),
  HTTP_HOST: z.string().default('0.0.0.0'),
  HTTP_PORT: port.default(3000),
  /** postgres://… switches the stores to PostgreSQL; unset = embedded SQLite. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  SQLITE_PATH: z.string().default('./data/kiosk.db'),
  /** How long after an open command the kiosk may still open its window. */
  SESSION_OPEN_WINDOW_MS: z.coerce.number().int().min(1000).default(120_000),
  /** How long a session takes its deposit (covers kiosks that were offline and replay later). */
  SESSION_DEPOSIT_WINDOW_MS: z.coerce.number().int().min(1000).default(86_400_000),
  /** Most events folded into one commit (one fsync). */
  INGEST_MAX_BATCH: z.coerce.number().int().min(1).max(10_000).default(256),
  /** InfluxDB for telemetry (docs/telemetry.md); unset = telemetry off, no outbox rows. */
  INFLUX_URL: z.url().optional(),
  INFLUX_TOKEN: z.string().optional(),
  INFLUX_ORG: z.string().default('kiosks'),
  INFLUX_BUCKET: z.string().default('kiosks'),
  /** Most points per InfluxDB write. */
  TELEMETRY_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(5000),
  /** A partial batch is sent once its oldest point is this old. */
  TELEMETRY_FLUSH_MS: z.coerce.number().int().min(0).default(1000),
  /** Bound of the outbox; beyond it the oldest points are dropped (counted, alarmed at 80 %). */
  TELEMETRY_OUTBOX_MAX_ROWS: z.coerce.number().int().min(100).default(1_000_000)
})

export type Config = z.infer<typeof configSchema>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Parses `env` (default: process.env); throws a ConfigError that reads well.
 * `defaults` fill variables the environment leaves unset (the demo uses this).
 */
export function loadConfig (env: Record<string, string | undefined> = process.env, defaults: Record<string, string> = {}): Config {
  const result = configSchema.safeParse({ ...defaults, ...env })
  if (!result.success) throw new ConfigError(`Invalid configuration:\n${z.prettifyError(result.error)}`)
  return result.data
}

/** Config for tests and embedding: defaults plus overrides, no environment. */
export function testConfig (overrides: Partial<Config> = {}): Config {
  return { ...configSchema.parse({}), LOG_LEVEL: 'silent', NODE_ENV: 'test', ...overrides }
}
