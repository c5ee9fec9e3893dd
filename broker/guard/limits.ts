// What the broker guard allows, with defaults. A rate of 0 turns that limit off.
export interface BrokerLimits {
  /** Largest MQTT packet (fixed header included), bytes; bigger ones close the connection. */
  maxPacketBytes: number
  /** How long a new connection may take to send CONNECT, ms. */
  connectTimeoutMs: number
  /** Longest keep-alive honoured, seconds; larger values and 0 ("none") are clamped to this. */
  keepaliveMaxS: number
  /** New connections per second per remote address (sustained), and the burst allowed. */
  connectsPerSecondPerIp: number
  connectBurstPerIp: number
  /** Failed authentications allowed per remote address in a burst, refilled at this rate per minute. */
  authFailureBurstPerIp: number
  authFailuresPerMinutePerIp: number
  /** Publishes per second per device (sustained) and burst; beyond it the PUBACK waits. */
  publishesPerSecondPerDevice: number
  publishBurstPerDevice: number
  /** A device further behind its rate than this is disconnected (without PUBACK for the waiting publish). */
  maxPublishDelayMs: number
  /** Per-IP limits apply to loopback addresses too (off: tests, benchmarks and a local proxy are exempt). */
  limitLoopback: boolean
  /** Topic limits for PUBLISH and SUBSCRIBE. */
  maxTopicBytes: number
  maxTopicLevels: number
  /** Packets a client may send before its CONNACK (aedes queueLimit). */
  maxQueuedBeforeConnack: number
  /** Inbound QoS 2 messages awaiting PUBREL per client (aedes maxInflightInbound). */
  maxInflightInbound: number
}

export const defaultBrokerLimits: BrokerLimits = {
  maxPacketBytes: 64 * 1024,
  connectTimeoutMs: 10_000,
  keepaliveMaxS: 600,
  connectsPerSecondPerIp: 10,
  connectBurstPerIp: 50,
  authFailureBurstPerIp: 10,
  authFailuresPerMinutePerIp: 10,
  publishesPerSecondPerDevice: 50,
  publishBurstPerDevice: 500,
  maxPublishDelayMs: 30_000,
  limitLoopback: false,
  maxTopicBytes: 256,
  maxTopicLevels: 8,
  maxQueuedBeforeConnack: 16,
  maxInflightInbound: 16
}

/** What the guard refused or slowed down, for /health and logs. */
export interface GuardCounters {
  oversizePackets: number
  connectsRefused: number
  authThrottled: number
  publishesDelayed: number
  publishRateDisconnects: number
  topicRefused: number
  emptyClientIds: number
  keepalivesClamped: number
  devicesDisconnected: number
}

export function createGuardCounters (): GuardCounters {
  return { oversizePackets: 0, connectsRefused: 0, authThrottled: 0, publishesDelayed: 0, publishRateDisconnects: 0, topicRefused: 0, emptyClientIds: 0, keepalivesClamped: 0, devicesDisconnected: 0 }
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/

export function isLoopback (address: string | undefined): boolean {
  return address != null && LOOPBACK.test(address)
}
