// Deliberately bad events, to exercise the backend's dead-letter path:
// it must PUBACK them, store them with a reason and answer on the errors
// topic, never disconnect. Replays are not errors: they must be applied once.
import type { ErrorCode } from '../schemas/error-codes.ts'
import type { DepositLine } from '../schemas/device-events.ts'
import type { EventType } from '../schemas/topics.ts'

export const badPayloadKinds = ['malformed-json', 'missing-event-id', 'grams-as-string', 'unknown-session', 'replay'] as const
export type BadPayloadKind = (typeof badPayloadKinds)[number]

export interface BadPayload {
  kind: BadPayloadKind
  type: EventType
  payload: string
  eventId?: string
  /** What the backend should answer on the errors topic; none for a replay. */
  expectedError?: ErrorCode
}

export interface BadPayloadContext {
  /** A fresh event id for kinds that carry one. */
  eventId: string
  ts: number
  lines: DepositLine[]
}

/** An event sent earlier, to be sent again with the same bytes. */
export interface SentEvent { type: EventType, payload: string, eventId: string }

/** Builds one bad deposit-topic payload (or the replay of `previous`). */
export function makeBadPayload (kind: Exclude<BadPayloadKind, 'replay'>, ctx: BadPayloadContext): BadPayload
export function makeBadPayload (kind: 'replay', ctx: BadPayloadContext, previous: SentEvent): BadPayload
export function makeBadPayload (kind: BadPayloadKind, ctx: BadPayloadContext, previous?: SentEvent): BadPayload {
  const { eventId, ts, lines } = ctx
  switch (kind) {
    case 'malformed-json':
      return { kind, type: 'deposit', payload: JSON.stringify({ eventId, ts, sessionId: 'x', lines }).slice(0, -7), expectedError: 'MALFORMED_JSON' }
    case 'missing-event-id':
      return { kind, type: 'deposit', payload: JSON.stringify({ ts, sessionId: 'sim-missing-id', lines }), expectedError: 'SCHEMA_VIOLATION' }
    case 'grams-as-string':
      return {
        kind,
        type: 'deposit',
        eventId,
        payload: JSON.stringify({ eventId, ts, sessionId: 'sim-grams-string', lines: lines.map(l => ({ ...l, grams: String(l.grams) })) }),
        expectedError: 'SCHEMA_VIOLATION'
      }
    case 'unknown-session':
      return { kind, type: 'deposit', eventId, payload: JSON.stringify({ eventId, ts, sessionId: `nosuch-${eventId}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64), lines }), expectedError: 'SESSION_UNKNOWN' }
    case 'replay':
      if (previous == null) throw new Error('a replay needs an earlier event')
      return { kind, type: previous.type, eventId: previous.eventId, payload: previous.payload }
  }
}
