// A simulated sorting kiosk: swipe → open/deny → door opened → deposit →
// door closed → display. Every up-link event goes through the offline
// buffer (sent in order, removed on PUBACK); every command is acked.
import type { Command, DeviceError } from '../schemas/device-commands.ts'
import { eventSchemas, type CommandAckEvent, type DepositEvent, type DepositLine, type DoorEvent, type SwipeEvent } from '../schemas/device-events.ts'
import { topics, type EventType } from '../schemas/topics.ts'
import { badPayloadKinds, makeBadPayload, type BadPayload, type BadPayloadKind, type SentEvent } from './bad-payloads.ts'
import { createDepositMix, type DepositMix } from './deposit-mix.ts'
import { createEventIds, type EventIds } from './event-ids.ts'
import { parseInbox } from './inbox.ts'
import { DeviceLink } from './link.ts'
import { Outbox, type OutboxEntry } from './outbox.ts'
import { chance, deriveSeed, mulberry32, pick, type Rng } from './random.ts'
import { ReplyWaiters } from './replies.ts'
import { emptyStats, type KioskStats } from './stats.ts'
import { KioskHealth } from './status.ts'

export interface SimKioskOptions {
  mqttUrl: string
  deviceId: string
  secret: string
  /** Heartbeat period in seconds; 0 = status on connect only. Default 30. */
  heartbeatS?: number
  openTimeoutMs?: number
  displayTimeoutMs?: number
  reconnectPeriodMs?: number
  connectTimeoutMs?: number
  keepaliveS?: number
  /** JSON file for the offline buffer (survives a restart); memory only when absent. */
  outboxPath?: string
  /** Seed for the deposit mix, injection and heartbeat noise. Default: from the device id. */
  seed?: number
  /** Probability (0–1) that a visit is followed by one bad payload. Default 0. */
  badRate?: number
  /** Probability (0–1) that a generated deposit has an implausible weight. Default 0. */
  implausibleRate?: number
  now?: () => number
  /** Sees every event as it is queued (tests, tracing). */
  onEvent?: (event: QueuedEvent) => void
  onError?: (err: Error) => void
}

export interface QueuedEvent { type: EventType, topic: string, payload: string, eventId?: string, injected?: BadPayloadKind }

export interface VisitOptions {
  /** Drop the network right after the open command, for this long (events of the session are buffered). */
  offlineAfterOpenMs?: number
  /** Time the resident spends at the open window before the deposit is weighed. */
  dwellMs?: number
}

export interface VisitResult {
  outcome: 'deposited' | 'denied' | 'timeout' | 'offline' | 'rejected'
  denyReason?: DenyCommand['reason']
  /** Code of the error reply when the deposit was dead-lettered. */
  errorCode?: DeviceError['code']
  sessionId?: string
  pointsEarned?: number
  balancePoints?: number
  displayOutcome?: DisplayCommand['outcome']
  swipeEventId?: string
  depositEventId?: string
  latencies: { openMs?: number, depositAckMs?: number, displayMs?: number, totalMs: number }
}

type OpenCommand = Extract<Command, { type: 'open' }>
type DenyCommand = Extract<Command, { type: 'deny' }>
type DisplayCommand = Extract<Command, { type: 'display' }>
interface EventBodies { swipe: SwipeEvent, door: DoorEvent, deposit: DepositEvent, 'command-ack': CommandAckEvent }

type CommandResult = { ok: boolean, error?: string }
const maxRememberedCommands = 1000
const maxReplayCandidates = 20

export class SimKiosk {
  readonly deviceId: string
  readonly stats: KioskStats = emptyStats()
  readonly #opts: SimKioskOptions
  readonly #now: () => number
  readonly #link: DeviceLink
  readonly #outbox: Outbox
  readonly #ids: EventIds
  readonly #mix: DepositMix
  readonly #rng: Rng
  readonly #health: KioskHealth
  readonly #swipeReplies = new ReplyWaiters<OpenCommand | DenyCommand>()
  readonly #depositReplies = new ReplyWaiters<DisplayCommand | DeviceError>()
  /** Genuine deposits sent by this kiosk → already credited? */
  readonly #ownDeposits = new Map<string, boolean>()
  readonly #commandResults = new Map<string, CommandResult>()
  readonly #errorsSeen = new Set<string>()
  readonly #replayCandidates: SentEvent[] = []
  readonly #timers = new Set<NodeJS.Timeout>()
  #busy = false

  constructor (opts: SimKioskOptions) {
    this.#opts = opts
    this.deviceId = opts.deviceId
    this.#now = opts.now ?? Date.now
    const seed = opts.seed ?? deriveSeed(0, opts.deviceId)
    this.#rng = mulberry32(deriveSeed(seed, 'kiosk'))
    this.#mix = createDepositMix({ seed: deriveSeed(seed, 'mix'), implausibleRate: opts.implausibleRate })
    this.#ids = createEventIds(opts.deviceId)
    this.#health = new KioskHealth(this.#rng, this.#now())
    this.#outbox = new Outbox({ path: opts.outboxPath })
    this.#link = new DeviceLink(opts, {
      onConnect: () => this.#onConnect(),
      onMessage: (topic, payload) => this.#onMessage(topic, payload),
      onError: opts.onError
    })
  }

  get online (): boolean { return this.#link.online }
  /** Events waiting for their PUBACK. */
  get pendingEvents (): number { return this.#outbox.size }
  get bootId (): string { return this.#ids.bootId }

  /** Connects (rejects if the broker is unreachable or refuses) and starts the heartbeat. */
  async start (): Promise<void> {
    await this.#link.open()
    const heartbeatS = this.#opts.heartbeatS ?? 30
    if (heartbeatS > 0) this.#every(heartbeatS * 1000, () => this.#link.publishStatus(this.#health.status(this.#now())))
  }

  /**
   * Graceful stop: tries to flush the buffer (up to `drainMs`, default 2 s, when
   * online), then retained {online:false} and DISCONNECT. What is still
   * buffered stays in the file, if there is one; otherwise it is lost.
   */
  async close (drainMs = 2000): Promise<void> {
    if (this.online) await this.waitForDrain(drainMs)
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    this.#swipeReplies.cancelAll()
    this.#depositReplies.cancelAll()
    await this.#link.close()
  }

  /** Forced offline: drops the socket (the broker fires the will); events are buffered. */
  goOffline (): Promise<void> { return this.#link.goOffline() }
  /** Back online: reconnects and replays the buffer in order. */
  goOnline (): Promise<void> { return this.#link.goOnline() }

  /** Waits until every buffered event is acked; false on timeout. */
  async waitForDrain (timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    while (this.#outbox.size > 0 && Date.now() < deadline) await sleep(20)
    return this.#outbox.size === 0
  }

  /** One resident's visit. Visits on one kiosk run one at a time. */
  async visit (card: string, lines?: DepositLine[], opts: VisitOptions = {}): Promise<VisitResult> {
    if (this.#busy) throw new Error(`kiosk ${this.deviceId} is busy with another visit`)
    this.#busy = true
    const startedAt = Date.now()
    const elapsed = () => Date.now() - startedAt
    this.stats.visits++
    try {
      if (!this.online) {
        this.stats.offline++
        return { outcome: 'offline', latencies: { totalMs: 0 } }
      }
      const swipeEventId = this.#ids.next()
      const answer = this.#swipeReplies.wait(swipeEventId, this.#opts.openTimeoutMs ?? 5000)
      void this.#emit('swipe', { eventId: swipeEventId, ts: this.#now(), card, method: 'card' })
      const reply = await answer
      const openMs = elapsed()
      if (reply == null) {
        this.stats.timeouts++
        return { outcome: 'timeout', swipeEventId, latencies: { totalMs: elapsed() } }
      }
      if (reply.type === 'deny') {
        this.stats.denied++
        return { outcome: 'denied', denyReason: reply.reason, swipeEventId, latencies: { openMs, totalMs: elapsed() } }
      }
      const { sessionId } = reply
      if (opts.offlineAfterOpenMs != null) await this.#dropNetworkFor(opts.offlineAfterOpenMs)
      void this.#emit('door', { eventId: this.#ids.next(), ts: this.#now(), sessionId, state: 'opened' })
      if (opts.dwellMs != null) await sleep(opts.dwellMs)

      const depositLines = lines ?? this.#mix.next()
      const depositEventId = this.#ids.next()
      const display = this.#depositReplies.wait(depositEventId, this.#opts.displayTimeoutMs ?? 10_000)
      this.#ownDeposits.set(depositEventId, false)
      this.stats.depositsSent++
      const depositAt = Date.now()
      let depositAckMs: number | undefined
      void this.#emit('deposit', { eventId: depositEventId, ts: this.#now(), sessionId, lines: depositLines }).then(() => {
        this.stats.depositsAcked++
        depositAckMs = Date.now() - depositAt
      })
      this.#health.recordDeposit(depositLines)
      void this.#emit('door', { eventId: this.#ids.next(), ts: this.#now(), sessionId, state: 'closed' })

      const answer2 = await display
      const base = { sessionId, swipeEventId, depositEventId }
      const latencies = () => ({ openMs, depositAckMs, displayMs: Date.now() - depositAt, totalMs: elapsed() })
      if (answer2 == null) {
        this.stats.timeouts++
        return { outcome: 'timeout', ...base, latencies: { openMs, depositAckMs, totalMs: elapsed() } }
      }
      if ('code' in answer2) {
        this.stats.rejected++
        return { outcome: 'rejected', errorCode: answer2.code, ...base, latencies: latencies() }
      }
      this.stats.deposited++
      return {
        outcome: 'deposited',
        ...base,
        pointsEarned: answer2.pointsEarned,
        balancePoints: answer2.balancePoints,
        displayOutcome: answer2.outcome,
        latencies: latencies()
      }
    } finally {
      this.#busy = false
      if (chance(this.#rng, this.#opts.badRate ?? 0)) this.injectBadPayload()
    }
  }

  /** Queues one bad payload (random kind unless given) and counts it. */
  injectBadPayload (kind?: BadPayloadKind): BadPayload {
    const possible = this.#replayCandidates.length > 0 ? badPayloadKinds : badPayloadKinds.filter(k => k !== 'replay')
    const chosen = kind ?? pick(this.#rng, possible)
    const ctx = { eventId: this.#ids.next(), ts: this.#now(), lines: this.#mix.next() }
    let bad: BadPayload
    if (chosen === 'replay') {
      const previous = this.#replayCandidates.length > 0 ? pick(this.#rng, this.#replayCandidates) : undefined
      if (previous == null) throw new Error('nothing sent yet to replay')
      bad = makeBadPayload('replay', ctx, previous)
      this.stats.replays++
    } else {
      bad = makeBadPayload(chosen, ctx)
    }
    this.stats.badPayloadsInjected[chosen] = (this.stats.badPayloadsInjected[chosen] ?? 0) + 1
    void this.#queue({ type: bad.type, topic: topics.event(this.deviceId, bad.type), payload: bad.payload, eventId: bad.eventId, injected: chosen })
    return bad
  }

  /** Validates against the contract, then queues; resolves on PUBACK. */
  #emit<T extends keyof EventBodies> (type: T, body: EventBodies[T]): Promise<void> {
    eventSchemas[type].parse(body)
    const payload = JSON.stringify(body)
    if (type === 'deposit' || type === 'door') {
      this.#replayCandidates.push({ type, payload, eventId: body.eventId })
      if (this.#replayCandidates.length > maxReplayCandidates) this.#replayCandidates.shift()
    }
    return this.#queue({ type, topic: topics.event(this.deviceId, type), payload, eventId: body.eventId })
  }

  #queue (event: QueuedEvent): Promise<void> {
    this.#opts.onEvent?.(event)
    this.stats.eventsQueued++
    const acked = this.#outbox.add({ topic: event.topic, payload: event.payload, eventId: event.eventId })
      .then(() => { this.stats.eventsAcked++ })
    this.#drain()
    return acked
  }

  #drain (): void {
    void this.#outbox.drain((entry: OutboxEntry) => {
      if (entry.attempts > 1) this.stats.replays++
      return this.#link.publishEvent(entry.topic, entry.payload)
    }, () => this.#link.online)
  }

  #onConnect (): void {
    this.#link.publishStatus(this.#health.status(this.#now()))
    this.#drain()
  }

  #onMessage (topic: string, payload: Buffer): void {
    const message = parseInbox(this.deviceId, topic, payload)
    switch (message.kind) {
      case 'command':
        this.stats.commandsReceived++
        this.#onCommand(message.command)
        break
      case 'bad-command':
        this.stats.badCommands++
        if (message.cmdId != null) this.#ack(message.cmdId, { ok: false, error: message.error })
        break
      case 'error': {
        // re-sent at every subscribe until acked (docs/protocol.md §7): count it once, ack it every time
        const { code, eventId, errorId } = message.error
        if (!this.#errorsSeen.has(errorId)) {
          this.#errorsSeen.add(errorId)
          if (this.#errorsSeen.size > maxRememberedCommands) this.#errorsSeen.delete(this.#errorsSeen.values().next().value as string)
          this.stats.errorReplies[code] = (this.stats.errorReplies[code] ?? 0) + 1
          if (eventId != null) this.#depositReplies.resolve(eventId, message.error)
        }
        void this.#emit('command-ack', { eventId: this.#ids.next(), ts: this.#now(), cmdId: errorId, ok: true })
        break
      }
      default:
        break
    }
  }

  #onCommand (command: Command): void {
    // A re-delivered command (same cmdId) gets the same answer and is not carried out twice.
    const earlier = this.#commandResults.get(command.cmdId)
    if (earlier != null) return this.#ack(command.cmdId, earlier)
    const result = this.#carryOut(command)
    this.#commandResults.set(command.cmdId, result)
    if (this.#commandResults.size > maxRememberedCommands) this.#commandResults.delete(this.#commandResults.keys().next().value as string)
    this.#ack(command.cmdId, result)
  }

  #carryOut (command: Command): CommandResult {
    switch (command.type) {
      case 'open':
        if (!this.#swipeReplies.has(command.swipeEventId)) return { ok: false, error: 'no swipe is waiting for this open' }
        if (command.expiresAtMs < this.#now()) return { ok: false, error: 'open command expired' }
        this.#swipeReplies.resolve(command.swipeEventId, command)
        return { ok: true }
      case 'deny':
        this.#swipeReplies.resolve(command.swipeEventId, command)
        return { ok: true }
      case 'display':
        if (this.#ownDeposits.get(command.depositEventId) === false) {
          this.#ownDeposits.set(command.depositEventId, true)
          this.stats.pointsCredited += command.pointsEarned
        }
        this.#depositReplies.resolve(command.depositEventId, command)
        return { ok: true }
    }
  }

  #ack (cmdId: string, result: CommandResult): void {
    this.stats.commandAcksSent++
    const body = { eventId: this.#ids.next(), ts: this.#now(), cmdId, ok: result.ok, ...(result.error != null ? { error: result.error.slice(0, 200) } : {}) }
    void this.#emit('command-ack', body)
  }

  async #dropNetworkFor (ms: number): Promise<void> {
    await this.goOffline()
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      void this.goOnline()
    }, ms)
    this.#timers.add(timer)
  }

  #every (ms: number, fn: () => void): void {
    const timer = setInterval(fn, ms)
    timer.unref()
    this.#timers.add(timer)
  }
}

function sleep (ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
