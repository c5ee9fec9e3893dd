// THE TEST'S STAND-IN FOR THE BACKEND — not the real one. It watches device
// events on the test broker and answers like the backend would: open or deny
// a swipe, display after a deposit, an error reply for a bad payload; events
// are applied once per eventId. Good enough to drive the simulator's wire
// behaviour; the real end-to-end test against services/ lives elsewhere.
import type { AedesPublishPacket, Client } from 'aedes'
import { z } from 'zod'
import { commandAckEventSchema, depositEventSchema, doorEventSchema, swipeEventSchema } from '../../../schemas/device-events.ts'
import type { ErrorCode } from '../../../schemas/error-codes.ts'
import { parseTopic, topics } from '../../../schemas/topics.ts'
import type { TestBroker } from './test-broker.ts'

export interface StandInOptions {
  /** When false, swipes get no answer (to test timeouts). Default true. */
  answerSwipes?: boolean
  /** Cards that get a deny(CARD_UNKNOWN). */
  denyCards?: readonly string[]
  /** When false, deposits get no display. Default true. */
  answerDeposits?: boolean
}

export interface StandInBackend {
  acks: Array<z.infer<typeof commandAckEventSchema>>
  /** Deposit eventIds applied (once each). */
  applied: string[]
  errorsSent: Array<{ deviceId: string, code: ErrorCode, eventId?: string }>
  pointsCredited: number
  /** Events seen again with an eventId already applied. */
  replaysSeen: number
}

const schemas = { swipe: swipeEventSchema, door: doorEventSchema, deposit: depositEventSchema, 'command-ack': commandAckEventSchema }

export function startStandInBackend (broker: TestBroker, opts: StandInOptions = {}): StandInBackend {
  const state: StandInBackend = { acks: [], applied: [], errorsSent: [], pointsCredited: 0, replaysSeen: 0 }
  const seen = new Set<string>()
  const sessions = new Map<string, { deviceId: string, card: string }>()
  const balances = new Map<string, number>()
  let seq = 0
  const nextId = (prefix: string) => `${prefix}${++seq}`

  const sendError = (deviceId: string, topic: string, code: ErrorCode, eventId?: string) => {
    state.errorsSent.push({ deviceId, code, eventId })
    void broker.send(topics.errors(deviceId), { ts: Date.now(), topic, code, message: code, ...(eventId != null ? { eventId } : {}) })
  }

  broker.aedes.on('publish', (packet: AedesPublishPacket, client: Client | null) => {
    if (client == null) return
    const parsed = parseTopic(packet.topic)
    if (parsed.kind !== 'event') return
    const { deviceId, eventType } = parsed
    let json: unknown
    try {
      json = JSON.parse(packet.payload.toString())
    } catch {
      return sendError(deviceId, packet.topic, 'MALFORMED_JSON')
    }
    const result = schemas[eventType].safeParse(json)
    if (!result.success) {
      const eventId = (json as { eventId?: unknown } | null)?.eventId
      return sendError(deviceId, packet.topic, 'SCHEMA_VIOLATION', typeof eventId === 'string' ? eventId : undefined)
    }
    const event = result.data
    if (seen.has(`${deviceId}/${event.eventId}`)) { state.replaysSeen++; return }
    seen.add(`${deviceId}/${event.eventId}`)

    if (eventType === 'swipe' && opts.answerSwipes !== false) {
      const swipe = swipeEventSchema.parse(event)
      if (opts.denyCards?.includes(swipe.card) === true) {
        void broker.send(topics.commands(deviceId), { cmdId: nextId('c'), ts: Date.now(), type: 'deny', swipeEventId: swipe.eventId, reason: 'CARD_UNKNOWN', message: 'card is not registered' })
        return
      }
      const sessionId = nextId('s')
      sessions.set(sessionId, { deviceId, card: swipe.card })
      void broker.send(topics.commands(deviceId), { cmdId: nextId('c'), ts: Date.now(), type: 'open', sessionId, swipeEventId: swipe.eventId, balancePoints: balances.get(swipe.card) ?? 0, expiresAtMs: Date.now() + 30_000 })
    }
    if (eventType === 'deposit') {
      const deposit = depositEventSchema.parse(event)
      const session = sessions.get(deposit.sessionId)
      if (session == null || session.deviceId !== deviceId) return sendError(deviceId, packet.topic, 'SESSION_UNKNOWN', deposit.eventId)
      state.applied.push(deposit.eventId)
      if (opts.answerDeposits === false) return
      const pointsEarned = Math.floor(deposit.lines.reduce((sum, l) => sum + Math.max(0, l.grams), 0) * 40 / 1000)
      const balancePoints = (balances.get(session.card) ?? 0) + pointsEarned
      balances.set(session.card, balancePoints)
      state.pointsCredited += pointsEarned
      void broker.send(topics.commands(deviceId), { cmdId: nextId('c'), ts: Date.now(), type: 'display', sessionId: deposit.sessionId, depositEventId: deposit.eventId, pointsEarned, balancePoints, outcome: 'credited', message: `+${pointsEarned}` })
    }
    if (eventType === 'command-ack') state.acks.push(commandAckEventSchema.parse(event))
  })
  return state
}
