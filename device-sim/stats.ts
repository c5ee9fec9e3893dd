// Counters one kiosk keeps, and their sum over a fleet.
import type { BadPayloadKind } from './bad-payloads.ts'

export interface KioskStats {
  visits: number
  deposited: number
  denied: number
  timeouts: number
  /** Swipes refused locally because the kiosk was offline (nothing sent). */
  offline: number
  /** Deposits the backend dead-lettered (error reply instead of display). */
  rejected: number
  depositsSent: number
  depositsAcked: number
  /** Sum of pointsEarned of display commands for this kiosk's genuine deposits, once per deposit. */
  pointsCredited: number
  eventsQueued: number
  eventsAcked: number
  commandsReceived: number
  commandAcksSent: number
  badCommands: number
  badPayloadsInjected: Partial<Record<BadPayloadKind, number>>
  /** Error replies received on the errors topic, by code. */
  errorReplies: Record<string, number>
  /** Events sent again: buffer resends after a lost PUBACK, mqtt.js resends after a drop, injected replays. */
  replays: number
}

export function emptyStats (): KioskStats {
  return {
    visits: 0,
    deposited: 0,
    denied: 0,
    timeouts: 0,
    offline: 0,
    rejected: 0,
    depositsSent: 0,
    depositsAcked: 0,
    pointsCredited: 0,
    eventsQueued: 0,
    eventsAcked: 0,
    commandsReceived: 0,
    commandAcksSent: 0,
    badCommands: 0,
    badPayloadsInjected: {},
    errorReplies: {},
    replays: 0
  }
}

export function addStats (into: KioskStats, from: KioskStats): KioskStats {
  for (const key of Object.keys(from) as Array<keyof KioskStats>) {
    const value = from[key]
    if (typeof value === 'number') (into[key] as number) += value
    else addCounts(into[key] as Record<string, number>, value)
  }
  return into
}

export function addCounts (into: Record<string, number>, from: Record<string, number | undefined>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + (v ?? 0)
}

export function total (counts: Record<string, number | undefined>): number {
  return Object.values(counts).reduce<number>((sum, v) => sum + (v ?? 0), 0)
}
