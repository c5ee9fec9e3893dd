// The one place that reads the environment. Everything else gets a Config.
import { hostname } from 'node:os'
import { z } from 'zod'
import { alarmConfigSchema } from './alarms/alarm-config.ts'

const port = z.coerce.number().int().min(0).max(65535)

export const DEFAULT_DEVICE_SECRET_PEPPER_FILE = './data/device-secret-pepper'

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** This node's name in the leases of periodic jobs (docs/store.md): a restarted node takes its leases back at once; give each backend process on one host its own. */
  NODE_ID: z.string().min(1).max(200).default(() => hostname()),
  /** How often this node writes its heartbeat (the devices of a node not heard of are marked offline). */
  NODE_HEARTBEAT_MS: z.coerce.number().int().min(50).max(600_000).default(10_000),
  /** A node not heard of for this long is taken as dead: its devices are marked offline. */
  NODE_DEAD_AFTER_MS: z.coerce.number().int().min(200).max(3_600_000).default(60_000),
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
  /** Gates: how often the backend checks for card, schedule or pass changes to push to online gates' allow-lists (docs/gate.md). */
  GATE_SYNC_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /** Gates: how often online gates get the backend's time again (they also get it at every connect). */
  GATE_TIME_SYNC_MS: z.coerce.number().int().min(1000).default(3_600_000),
  /** SQLite only: run the ingest's commits in a worker thread, off the broker's event loop. */
  INGEST_WORKER: z.stringbool().default(true),
  /** Most events folded into one commit (one fsync). */
  INGEST_MAX_BATCH: z.coerce.number().int().min(1).max(10_000).default(256),
  /** Most device publishes waiting for a commit; when full the broker stops reading the busiest devices (back-pressure). */
  INGEST_MAX_QUEUE: z.coerce.number().int().min(1).max(1_000_000).default(4096),
  // ---- broker guard (docs/security-broker.md); a rate of 0 turns that limit off
  MQTT_MAX_PACKET_BYTES: z.coerce.number().int().min(1024).max(268_435_455).default(65_536),
  MQTT_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  MQTT_KEEPALIVE_MAX_S: z.coerce.number().int().min(1).max(65_535).default(600),
  MQTT_CONNECTS_PER_S_PER_IP: z.coerce.number().min(0).default(10),
  MQTT_CONNECT_BURST_PER_IP: z.coerce.number().int().min(1).default(50),
  MQTT_AUTH_FAILURE_BURST_PER_IP: z.coerce.number().int().min(1).default(10),
  MQTT_AUTH_FAILURES_PER_MIN_PER_IP: z.coerce.number().min(0).default(10),
  MQTT_DEVICE_PUBLISHES_PER_S: z.coerce.number().min(0).default(50),
  MQTT_DEVICE_PUBLISH_BURST: z.coerce.number().int().min(1).default(500),
  MQTT_MAX_PUBLISH_DELAY_MS: z.coerce.number().int().min(0).default(30_000),
  /** Apply the per-address limits to 127.0.0.1/::1 too (off: tests, benchmarks and local proxies). */
  MQTT_LIMIT_LOOPBACK: z.stringbool().default(false),
  MQTT_MAX_TOPIC_BYTES: z.coerce.number().int().min(64).max(65_535).default(256),
  /** Key file of the device secret HMAC (docs/security.md); created with a random key when missing. Every node must use the same key. */
  DEVICE_SECRET_PEPPER_FILE: z.string().min(1).default(DEFAULT_DEVICE_SECRET_PEPPER_FILE),
  /** How often live connections are checked against disabled devices and rotated secrets (0 = never). */
  DEVICE_CREDENTIAL_SWEEP_MS: z.coerce.number().int().min(0).default(5_000),
  /** PEM server certificate and key: MQTT over TLS on MQTT_TLS_PORT and HTTPS on HTTP_PORT; unset = no TLS. */
  TLS_CERT_PATH: z.string().optional(),
  TLS_KEY_PATH: z.string().optional(),
  /** PEM CA that signs device client certificates (CN = device id); unset = secrets only. */
  TLS_CA_PATH: z.string().optional(),
  MQTT_TLS_PORT: port.default(8883),
  /** Bad staff tokens per minute from one address before it gets 429 for a minute. */
  HTTP_AUTH_FAILURES_PER_MIN: z.coerce.number().int().min(0).default(20),
  /** Redemptions per minute per staff member. */
  HTTP_REDEMPTIONS_PER_MIN: z.coerce.number().int().min(0).default(30),
  /** Largest HTTP request body; a bigger one gets 413 before it is parsed. */
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(16_777_216).default(65_536),
  /** Staff web sign-in (docs/web.md): a browser session unused this long is over. */
  STAFF_SESSION_IDLE_MS: z.coerce.number().int().min(10_000).default(1_800_000),
  /** A browser session this old is over however busy: staff sign in again each shift. */
  STAFF_SESSION_MAX_MS: z.coerce.number().int().min(60_000).default(43_200_000),
  /** Residents' phone sign-in (docs/residents.md): a bearer token lasts this long, then the resident signs in again. */
  RESIDENT_TOKEN_TTL_MS: z.coerce.number().int().min(60_000).default(2_592_000_000),
  /** An activation code the counter hands over is void after this long. */
  RESIDENT_INVITATION_TTL_MS: z.coerce.number().int().min(60_000).default(259_200_000),
  /** Wrong passwords for one phone within the lockout window before that phone is locked out until the window ends. */
  RESIDENT_SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  RESIDENT_SIGN_IN_LOCKOUT_MS: z.coerce.number().int().min(1000).default(900_000),
  /** How often the overview stream (GET /api/sites/{id}/overview/stream) looks for changes and re-checks the session. */
  OVERVIEW_STREAM_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
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
  TELEMETRY_OUTBOX_MAX_ROWS: z.coerce.number().int().min(100).default(1_000_000),
  /** Charging piles (docs/charging.md): how often the sweep looks for unacknowledged starts, silent piles and stale holds. */
  CHARGING_SWEEP_MS: z.coerce.number().int().min(100).default(15_000),
  /** A start command not acknowledged (nor the session heard from) within this time: the hold is released. */
  CHARGING_START_ACK_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  /** A hold still open after this long is ended: its session settled as PILE_SILENT, or the hold released. */
  CHARGING_STALE_HOLD_MS: z.coerce.number().int().min(60_000).default(86_400_000),
  // ---- alarms (docs/alarms.md)
  /** How often each open GET /api/events stream looks for alarm and presence changes. */
  LIVE_EVENTS_POLL_MS: z.coerce.number().int().min(50).default(1000),
  /** How often the alarm sweep runs (backend rules, shelf expiry, floods, notifications); 0 = never. */
  ALARM_SWEEP_MS: z.coerce.number().int().min(0).default(15_000),
  /** How often due webhook calls are sent (one process at a time); 0 = never. */
  WEBHOOK_DELIVERY_MS: z.coerce.number().int().min(0).default(1000),
  /** How long one webhook call may take before it counts as failed (and is retried). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** How often finished days are rolled up for reports (one process at a time); 0 = only on first use. */
  REPORT_ROLLUP_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** Finished commands (acked, failed, expired) older than this many days are deleted; 0 = keep them all. */
  COMMAND_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** How often old finished commands are pruned (one process at a time). */
  COMMAND_PRUNE_MS: z.coerce.number().int().min(1000).default(3_600_000),
  /** How often this node sends the commands recorded elsewhere (another node, the CLI, a sweep) to the devices connected to it. */
  COMMAND_RELAY_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  /** Alarm settings as JSON (services/alarms/alarm-config.ts); missing settings take their defaults. */
  ALARM_SETTINGS: z.preprocess((v, ctx) => {
    if (typeof v !== 'string') return v
    try { return JSON.parse(v) as unknown } catch { ctx.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"offline":{"offlineAfterMs":600000}}' }); return z.NEVER }
  }, alarmConfigSchema).default(alarmConfigSchema.parse({}))
}).refine(c => (c.TLS_CERT_PATH == null) === (c.TLS_KEY_PATH == null), { message: 'set both TLS_CERT_PATH and TLS_KEY_PATH, or neither', path: ['TLS_KEY_PATH'] })

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
