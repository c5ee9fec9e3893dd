// MQTT topic layout. Every device owns the prefix `devices/{deviceId}/` and
// nothing else: it publishes events and status there and subscribes to its
// commands, errors and config there. The broker's ACL enforces this.
import { z } from 'zod'

export const TOPIC_ROOT = 'devices'

/** Device ids double as MQTT client ids and topic levels: no `/`, `+`, `#`. */
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'device id: 1–64 of A–Z a–z 0–9 _ . - (starting with a letter or digit)')

/** Up-link event types, published with QoS 1 under `devices/{id}/events/{type}`. */
export const eventTypes = ['swipe', 'door', 'deposit', 'command-ack',
  // gates (schemas/gate.ts, docs/protocol.md "Gates")
  'access-request', 'offline-decision',
  // charging piles (schemas/charging.ts)
  'charging-swipe', 'charging-started', 'charging-meter', 'charging-stopped',
  // every device kind (schemas/alarm.ts, docs/protocol.md "Alarms")
  'alarm'] as const
export type EventType = (typeof eventTypes)[number]

export const topics = {
  event: (deviceId: string, type: EventType) => `${TOPIC_ROOT}/${deviceId}/events/${type}`,
  /** Retained heartbeat/presence, QoS 0 (or 1), also the last-will topic. */
  status: (deviceId: string) => `${TOPIC_ROOT}/${deviceId}/status`,
  /** Backend → device commands, QoS 1. */
  commands: (deviceId: string) => `${TOPIC_ROOT}/${deviceId}/commands`,
  /** Backend → device: why an event was dead-lettered, QoS 1. */
  errors: (deviceId: string) => `${TOPIC_ROOT}/${deviceId}/errors`,
  /** Backend → device retained configuration (rates, limits), QoS 1. */
  config: (deviceId: string) => `${TOPIC_ROOT}/${deviceId}/config`,
  /** What a device subscribes to: everything addressed to it. */
  deviceInbox: (deviceId: string) => `${TOPIC_ROOT}/${deviceId}/+`
}

export type ParsedTopic =
  | { kind: 'event', deviceId: string, eventType: EventType }
  | { kind: 'status', deviceId: string }
  | { kind: 'unknown', deviceId: string | null }

/** Splits an incoming topic into what it means; `unknown` for anything else. */
export function parseTopic (topic: string): ParsedTopic {
  const levels = topic.split('/')
  if (levels[0] !== TOPIC_ROOT || levels.length < 3) return { kind: 'unknown', deviceId: null }
  const deviceId = levels[1] ?? ''
  if (levels.length === 3 && levels[2] === 'status') return { kind: 'status', deviceId }
  if (levels.length === 4 && levels[2] === 'events') {
    const type = levels[3] as EventType
    if ((eventTypes as readonly string[]).includes(type)) return { kind: 'event', deviceId, eventType: type }
  }
  return { kind: 'unknown', deviceId }
}

/** True when `topic` lies under the device's own prefix (used by the ACL). */
export function isOwnTopic (deviceId: string, topic: string): boolean {
  return topic.startsWith(`${TOPIC_ROOT}/${deviceId}/`)
}
