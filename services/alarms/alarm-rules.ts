// Backend alarm rules: pure functions of (inputs, config, now) → raise/clear
// decisions (docs/alarms.md). Rules are edge-triggered: each input names the
// alarms of the rule that are active now, and a rule raises only a condition
// that is not yet active and clears only one that is, so a sweep every minute
// does not count an hour offline as 60 occurrences.
import { keyString, type AlarmKey, type Severity } from './alarm.ts'

export const alarmTypes = {
  offline: 'device-offline',
  binFull: 'bin-full',
  noDeposits: 'no-deposits',
  deniedCard: 'denied-swipes-card',
  deniedGate: 'denied-swipes-gate',
  outboxNearFull: 'telemetry-outbox-near-full'
} as const

export type RuleDecision =
  | { action: 'raise', key: AlarmKey, severity: Severity, message: string }
  | { action: 'clear', key: AlarmKey }

type Raise = Extract<RuleDecision, { action: 'raise' }>

/** Raises what holds and is not active; clears what is active (of `types`) and `cleared` says has passed. */
function edges (active: readonly AlarmKey[], types: readonly string[], raised: Raise[], cleared: (key: AlarmKey) => boolean): RuleDecision[] {
  const mine = active.filter(key => types.includes(key.type))
  const activeKeys = new Set(mine.map(keyString))
  return [
    ...raised.filter(r => !activeKeys.has(keyString(r.key))),
    ...mine.filter(cleared).map(key => ({ action: 'clear' as const, key }))
  ]
}

export interface DevicePresence {
  id: string
  siteId: string
  online: boolean
  lastSeenAtMs: number | null
  /** Disabled by an admin (out of service, its connection closed on purpose); absent: in use. */
  disabled?: boolean
}

/**
 * Offline for `offlineAfterMs` or longer (last seen from presence). A device never seen has
 * not been installed yet: no alarm. Cleared as soon as the device is online again, or disabled
 * (an admin took it out of use: its being offline is expected, not news).
 */
export function offlineRule (input: { devices: readonly DevicePresence[], active: readonly AlarmKey[] }, config: { offlineAfterMs: number }, nowMs: number): RuleDecision[] {
  const byId = new Map(input.devices.map(d => [d.id, d]))
  const raised = input.devices
    .filter(d => d.disabled !== true && !d.online && d.lastSeenAtMs != null && nowMs - d.lastSeenAtMs >= config.offlineAfterMs)
    .map(d => ({
      action: 'raise' as const,
      key: { siteId: d.siteId, deviceId: d.id, type: alarmTypes.offline, source: '' },
      severity: 'major' as const,
      message: `offline for ${Math.floor((nowMs - (d.lastSeenAtMs ?? nowMs)) / 60_000)} min`
    }))
  return edges(input.active, [alarmTypes.offline], raised, key => {
    const device = byId.get(key.deviceId ?? '')
    return device != null && (device.online || device.disabled === true)
  })
}

export interface DeviceBins { id: string, siteId: string, bins: ReadonlyArray<{ category: string, fillPct: number }> | null }

/**
 * A bin at `fullPct` or fuller (from the device's last status). Cleared only below
 * `clearBelowPct`, so a bin hovering around the threshold does not raise and clear
 * with every heartbeat. A bin the last status does not mention keeps its alarm.
 */
export function binFullRule (input: { devices: readonly DeviceBins[], active: readonly AlarmKey[] }, config: { fullPct: number, clearBelowPct: number }, _nowMs: number): RuleDecision[] {
  const fill = new Map<string, number>()
  const raised: Raise[] = []
  for (const device of input.devices) {
    for (const bin of device.bins ?? []) {
      const key = { siteId: device.siteId, deviceId: device.id, type: alarmTypes.binFull, source: bin.category }
      fill.set(keyString(key), bin.fillPct)
      if (bin.fillPct >= config.fullPct) raised.push({ action: 'raise', key, severity: 'minor', message: `${bin.category} bin ${bin.fillPct} % full` })
    }
  }
  return edges(input.active, [alarmTypes.binFull], raised, key => (fill.get(keyString(key)) ?? Infinity) < config.clearBelowPct)
}

export interface KioskDeposits {
  id: string
  siteId: string
  lastDepositAtMs: number | null
  /** Deposits per site-local day over the trailing days before today, one number a day. */
  dailyDeposits: readonly number[]
  /** Disabled by an admin: no deposits is expected, not news. Absent: in use. */
  disabled?: boolean
}

export interface NoDepositsConfig {
  /** How long without a deposit is suspicious (a day). */
  quietMs: number
  /** "Normally busy": the trailing average is at least this many deposits a day … */
  busyAveragePerDay: number
  /** … over at least this many days of history (a new kiosk is not judged). */
  minHistoryDays: number
}

/**
 * No deposit for `quietMs` at a normally busy kiosk: one whose trailing daily average is
 * `busyAveragePerDay` or more over at least `minHistoryDays` days. A quiet kiosk is often a
 * jammed door or a broken card reader while the kiosk itself reports online. Cleared by the
 * next deposit (not by the average sinking during the quiet days), or when the kiosk is disabled.
 */
export function noDepositsRule (input: { kiosks: readonly KioskDeposits[], active: readonly AlarmKey[] }, config: NoDepositsConfig, nowMs: number): RuleDecision[] {
  const byId = new Map(input.kiosks.map(k => [k.id, k]))
  const quiet = (k: KioskDeposits) => k.lastDepositAtMs == null || nowMs - k.lastDepositAtMs >= config.quietMs
  const busy = (k: KioskDeposits) => k.dailyDeposits.length >= config.minHistoryDays &&
    k.dailyDeposits.reduce((sum, n) => sum + n, 0) / k.dailyDeposits.length >= config.busyAveragePerDay
  const raised = input.kiosks.filter(k => k.disabled !== true && busy(k) && quiet(k)).map(k => ({
    action: 'raise' as const,
    key: { siteId: k.siteId, deviceId: k.id, type: alarmTypes.noDeposits, source: '' },
    severity: 'warning' as const,
    message: `no deposits since ${k.lastDepositAtMs == null ? 'ever' : new Date(k.lastDepositAtMs).toISOString()}`
  }))
  return edges(input.active, [alarmTypes.noDeposits], raised, key => {
    const kiosk = byId.get(key.deviceId ?? '')
    return kiosk != null && (kiosk.disabled === true || !quiet(kiosk))
  })
}

/** A denial at a gate; `cardUid` null for a credential without a card (a visitor code). */
export interface DeniedSwipe { gateId: string, siteId: string, cardUid: string | null, atMs: number }
export interface DeniedSwipesConfig { windowMs: number, perCard: number, perGate: number }

/**
 * Repeated denials in the trailing `windowMs`: `perCard` or more for one card at the gates of
 * a site (someone trying a blocked card around the compound), or `perGate` or more at one gate
 * (a broken reader, or someone probing it). Cleared when the window holds fewer again.
 */
export function deniedSwipesRule (input: { denies: readonly DeniedSwipe[], active: readonly AlarmKey[] }, config: DeniedSwipesConfig, nowMs: number): RuleDecision[] {
  const counts = new Map<string, { key: AlarmKey, n: number }>()
  const count = (key: AlarmKey) => {
    const entry = counts.get(keyString(key)) ?? { key, n: 0 }
    entry.n++
    counts.set(keyString(key), entry)
  }
  for (const d of input.denies) {
    if (d.atMs <= nowMs - config.windowMs || d.atMs > nowMs) continue
    if (d.cardUid != null) count({ siteId: d.siteId, deviceId: null, type: alarmTypes.deniedCard, source: d.cardUid })
    count({ siteId: d.siteId, deviceId: d.gateId, type: alarmTypes.deniedGate, source: '' })
  }
  const threshold = (key: AlarmKey) => key.type === alarmTypes.deniedCard ? config.perCard : config.perGate
  const minutes = Math.round(config.windowMs / 60_000)
  const raised = [...counts.values()].filter(c => c.n >= threshold(c.key)).map(({ key, n }) => ({
    action: 'raise' as const,
    key,
    severity: key.type === alarmTypes.deniedCard ? 'warning' as const : 'minor' as const,
    message: `${n} denied swipes in ${minutes} min`
  }))
  return edges(input.active, [alarmTypes.deniedCard, alarmTypes.deniedGate], raised, key => (counts.get(keyString(key))?.n ?? 0) < threshold(key))
}

/**
 * The telemetry outbox at `raisePct` of its bound or more (docs/telemetry.md: beyond the bound
 * the oldest points are dropped); cleared below `clearBelowPct`. A backend alarm: no site, no device.
 */
export function outboxNearFullRule (input: { depth: number, maxRows: number, active: readonly AlarmKey[] }, config: { raisePct: number, clearBelowPct: number }, _nowMs: number): RuleDecision[] {
  const key = { siteId: null, deviceId: null, type: alarmTypes.outboxNearFull, source: '' }
  const pct = (100 * input.depth) / input.maxRows
  const raised = pct >= config.raisePct ? [{ action: 'raise' as const, key, severity: 'major' as const, message: `telemetry outbox ${input.depth} of ${input.maxRows} rows` }] : []
  return edges(input.active, [alarmTypes.outboxNearFull], raised, () => pct < config.clearBelowPct)
}
