// Pure mapping from what a device did to InfluxDB points (docs/telemetry.md).
// A point is stored as a line-protocol line WITHOUT timestamp plus `atMs`;
// the shipper adds the timestamp when it sends (see outbox.ts: renderLine).
// Tags are low-cardinality only: site, device, kind, category, outcome,
// decision, reason. Never card uids or household ids as tags.
import { Point } from '@influxdata/influxdb-client'
import type { ChargingMeterEvent } from '../../schemas/charging.ts'
import type { DepositEvent, DeviceStatus, SwipeEvent } from '../../schemas/device-events.ts'
import type { Device } from '../store/database.ts'

export interface TelemetryPoint {
  /** Line protocol without timestamp: `measurement,tags fields`. */
  line: string
  /** When it happened (device time when plausible, else receipt time), ms since epoch. */
  atMs: number
}

/** Device clocks may run ahead by this much before we distrust them. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000

/**
 * Device time when plausible (not in the future by more than 5 min, not older
 * than `maxAgeMs`, the deposit window: the oldest event a kiosk may replay),
 * else receipt time.
 */
export function pointTime (deviceTsMs: number | undefined, receivedAtMs: number, maxAgeMs: number): number {
  if (deviceTsMs == null) return receivedAtMs
  if (deviceTsMs > receivedAtMs + MAX_CLOCK_AHEAD_MS || deviceTsMs < receivedAtMs - maxAgeMs) return receivedAtMs
  return deviceTsMs
}

function toPoint (point: Point, atMs: number): TelemetryPoint {
  // '' = no timestamp in the line; the shipper appends it (ns, with a per-row disambiguator)
  const line = point.timestamp('').toLineProtocol()
  if (line == null) throw new Error('telemetry point without fields')
  return { line, atMs }
}

export type DeviceTags = Pick<Device, 'id' | 'site_id' | 'kind'>

export interface DepositFacts {
  device: DeviceTags
  event: Pick<DepositEvent, 'ts'>
  outcome: string
  /** Per category line as assessed: grams as weighed, points computed by the rate table. */
  lines: Array<{ category: string, grams: number, points: number, count?: number | undefined }>
  pointsComputed: number
  pointsCredited: number
  householdId: string
  receivedAtMs: number
  maxAgeMs: number
}

/** One `deposit` point per category line, plus one `deposit_total` per deposit. */
export function depositPoints (f: DepositFacts): TelemetryPoint[] {
  const atMs = pointTime(f.event.ts, f.receivedAtMs, f.maxAgeMs)
  const perLine = f.lines.map(l => {
    const p = new Point('deposit').tag('site', f.device.site_id).tag('device', f.device.id).tag('category', l.category).tag('outcome', f.outcome)
      .intField('grams', l.grams).intField('points', l.points)
    if (l.count != null) p.intField('count', l.count)
    return toPoint(p, atMs)
  })
  const total = new Point('deposit_total').tag('site', f.device.site_id).tag('device', f.device.id).tag('outcome', f.outcome)
    .intField('grams', f.lines.reduce((sum, l) => sum + Math.max(0, l.grams), 0))
    .intField('points_computed', f.pointsComputed).intField('points_credited', f.pointsCredited)
    .intField('lines', f.lines.length)
    // a field, not a tag: counted with distinct() for participation, never indexed
    .stringField('household', f.householdId)
  return [...perLine, toPoint(total, atMs)]
}

export interface SwipeFacts {
  device: DeviceTags
  event: Pick<SwipeEvent, 'ts' | 'method'>
  decision: 'open' | 'deny'
  reason?: string | undefined
  receivedAtMs: number
  maxAgeMs: number
}

export function swipePoints (f: SwipeFacts): TelemetryPoint[] {
  const p = new Point('swipe').tag('site', f.device.site_id).tag('device', f.device.id).tag('decision', f.decision).tag('method', f.event.method)
  if (f.reason != null) p.tag('reason', f.reason)
  return [toPoint(p.intField('count', 1), pointTime(f.event.ts, f.receivedAtMs, f.maxAgeMs))]
}

export interface MeterFacts {
  device: DeviceTags
  event: Pick<ChargingMeterEvent, 'ts' | 'port' | 'energyWh' | 'powerW' | 'voltageV' | 'temperatureC'>
  receivedAtMs: number
  maxAgeMs: number
}

/** One `charging_meter` point per recorded meter value (energy is the session's so far). */
export function chargingMeterPoints (f: MeterFacts): TelemetryPoint[] {
  const p = new Point('charging_meter').tag('site', f.device.site_id).tag('device', f.device.id).tag('port', String(f.event.port))
    .intField('energy_wh', f.event.energyWh).intField('power_w', f.event.powerW).floatField('voltage_v', f.event.voltageV)
  if (f.event.temperatureC != null) p.floatField('temperature_c', f.event.temperatureC)
  return [toPoint(p, pointTime(f.event.ts, f.receivedAtMs, f.maxAgeMs))]
}

export interface GateAccessFacts {
  device: DeviceTags
  decision: 'allow' | 'deny'
  mode: 'online' | 'offline'
  direction: string
  /** Online: the backend decided at receipt. Offline: the gate's time of its own decision. */
  atMs: number
}

/** One `gate_access` point per decision logged (no card or household: those stay in the access log). */
export function gateAccessPoints (f: GateAccessFacts): TelemetryPoint[] {
  const p = new Point('gate_access').tag('site', f.device.site_id).tag('device', f.device.id)
    .tag('decision', f.decision).tag('mode', f.mode).tag('direction', f.direction).intField('count', 1)
  return [toPoint(p, f.atMs)]
}

/** One `device_status` point, plus one `bin_fill` point per reported bin. */
export function statusPoints (device: DeviceTags, status: DeviceStatus, receivedAtMs: number, maxAgeMs: number): TelemetryPoint[] {
  const atMs = pointTime(status.ts, receivedAtMs, maxAgeMs)
  const p = new Point('device_status').tag('site', device.site_id).tag('device', device.id).tag('kind', device.kind).booleanField('online', status.online)
  if (status.uptimeS != null) p.intField('uptime_s', status.uptimeS)
  if (status.rssiDbm != null) p.intField('rssi_dbm', status.rssiDbm)
  if (status.temperatureC != null) p.floatField('temperature_c', status.temperatureC)
  if (status.firmware != null) p.stringField('firmware', status.firmware)
  const bins = (status.bins ?? []).map(b => toPoint(
    new Point('bin_fill').tag('site', device.site_id).tag('device', device.id).tag('category', b.category).floatField('fill_pct', b.fillPct), atMs))
  return [toPoint(p, atMs), ...bins]
}
