// A simulated e-bike charging pile with several ports, speaking the charging
// contract (docs/protocol.md §12): a swipe asks for a session, the start
// command switches a port on (acked, then `charging-started`), meter values
// follow a CC/CV curve (charging-curve.ts) in device time, the pile stops by
// itself when the battery is full and when the backend says so. Faults on
// demand (over-power, over-temperature, a fault code, an unplugged cable);
// offline periods buffer every event in the outbox and replay it in order.
//
// The pile's clock runs `deviceStepMs / tickMs` times faster than real time:
// a meter value every `deviceStepMs` of device time (30 s, as a real pile),
// every `tickMs` of real time. A bench keeps both at 30 s; a test runs a
// six-hour charge in seconds. Costs come from the device times, so both bill
// the same way.
import type { Command, DeviceError } from '../schemas/device-commands.ts'
import type { ChargingDenyReason, StopCommandReason, StopReason } from '../schemas/charging.ts'
import { eventSchemas } from '../schemas/device-events.ts'
import { topics, type EventType } from '../schemas/topics.ts'
import { advance, defaultBattery, initialCurve, pointOf, type BatteryParams, type CurveState } from './charging-curve.ts'
import { createEventIds, type EventIds } from './event-ids.ts'
import { parseInbox } from './inbox.ts'
import { DeviceLink } from './link.ts'
import { Outbox } from './outbox.ts'
import { ReplyWaiters } from './replies.ts'

export interface SimChargerOptions {
  mqttUrl: string
  deviceId: string
  secret: string
  /** Ports 1 … ports. Default 2. */
  ports?: number
  /** Device time between meter values. Default 30 s. */
  deviceStepMs?: number
  /** Real time between meter values. Default = deviceStepMs (real time). */
  tickMs?: number
  /** Device clock at start; it advances by deviceStepMs per meter value. Default Date.now(). */
  startTs?: number
  reconnectPeriodMs?: number
  outboxPath?: string
  onError?: (err: Error) => void
}

export type Fault = 'over-power' | 'over-temperature' | 'fault' | 'unplug'

export type SwipeResult =
  | { outcome: 'started', sessionId: string, holdPoints: number }
  | { outcome: 'denied', reason: ChargingDenyReason }
  | { outcome: 'timeout' }

export interface PortSession {
  sessionId: string
  port: number
  holdPoints: number
  battery: BatteryParams
  curve: CurveState
  nextSeq: number
  /** Device time of the last step. */
  lastTs: number
  fault: Fault | null
  /** Resolves with the reason once `charging-stopped` is acknowledged (PUBACK). */
  stopped: Promise<StopReason>
}

interface LivePort extends PortSession { done: (reason: StopReason) => void }

type StartReply = { type: 'start', sessionId: string, holdPoints: number } | { type: 'deny', reason: ChargingDenyReason }

/** A backend stop becomes the pile's own stop reason. */
const stopReasonFor: Record<StopCommandReason, StopReason> = {
  USER: 'USER', TIME_LIMIT: 'TIME_LIMIT', HOLD_EXHAUSTED: 'HOLD_EXHAUSTED', FULL: 'FULL', OVER_POWER: 'OVER_POWER',
  OVER_TEMPERATURE: 'OVER_TEMPERATURE', PILE_SILENT: 'PILE_OFFLINE', START_TIMEOUT: 'USER', PILE_OVER_POWER: 'OVER_POWER'
}

export class SimCharger {
  readonly deviceId: string
  readonly sessions = new Map<number, LivePort>()
  /** Commands received, by type (de-duplicated by cmdId). */
  readonly commands: Command[] = []
  readonly #opts: SimChargerOptions
  readonly #link: DeviceLink
  readonly #outbox: Outbox
  readonly #ids: EventIds
  readonly #swipes = new ReplyWaiters<StartReply>()
  readonly #pendingSwipeByPort = new Map<number, string>()
  /** The bike plugged into each port by the last swipe. */
  readonly #batteries = new Map<number, BatteryParams>()
  readonly #commandResults = new Map<string, { ok: boolean, error?: string }>()
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #tickMs: number
  readonly #startTs: number
  readonly #realStart = performance.now()
  readonly #speed: number

  constructor (opts: SimChargerOptions) {
    this.#opts = opts
    this.deviceId = opts.deviceId
    const stepMs = opts.deviceStepMs ?? 30_000
    this.#tickMs = opts.tickMs ?? stepMs
    this.#speed = stepMs / this.#tickMs
    this.#startTs = opts.startTs ?? Date.now()
    this.#ids = createEventIds(opts.deviceId)
    this.#outbox = new Outbox({ path: opts.outboxPath })
    this.#link = new DeviceLink(opts, { onConnect: () => this.#drain(), onMessage: (topic, payload) => this.#onMessage(topic, payload), onError: opts.onError })
  }

  get online (): boolean { return this.#link.online }
  get pendingEvents (): number { return this.#outbox.size }
  /** The pile's clock (device time). */
  get deviceNow (): number { return this.#startTs + Math.round((performance.now() - this.#realStart) * this.#speed) }

  async start (): Promise<void> { await this.#link.open() }

  async close (): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    this.#swipes.cancelAll()
    await this.#link.close()
  }

  goOffline (): Promise<void> { return this.#link.goOffline() }
  goOnline (): Promise<void> { return this.#link.goOnline() }

  /** A resident swipes `card` for `port`; resolves with the backend's answer. */
  async swipe (card: string, port: number, battery: Partial<BatteryParams> = {}, timeoutMs = 5000): Promise<SwipeResult> {
    if (!Number.isInteger(port) || port < 1 || port > (this.#opts.ports ?? 2)) throw new Error(`pile ${this.deviceId} has ports 1 … ${this.#opts.ports ?? 2}`)
    const swipeEventId = this.#ids.next()
    this.#pendingSwipeByPort.set(port, swipeEventId)
    this.#batteries.set(port, { ...defaultBattery, ...battery })
    const reply = this.#swipes.wait(swipeEventId, timeoutMs)
    void this.#emit('charging-swipe', { eventId: swipeEventId, ts: this.deviceNow, card, port, method: 'card' })
    const answer = await reply
    if (answer == null) return { outcome: 'timeout' }
    return answer.type === 'deny' ? { outcome: 'denied', reason: answer.reason } : { outcome: 'started', sessionId: answer.sessionId, holdPoints: answer.holdPoints }
  }

  /** Injects a fault on a port's session: it shows in the next meter value (or stops the port). */
  fault (port: number, fault: Fault): void {
    const session = this.sessions.get(port)
    if (session == null) throw new Error(`port ${port} has no session`)
    session.fault = fault
  }

  /** Waits until every buffered event is acknowledged; false on timeout. */
  async waitForDrain (timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    while (this.#outbox.size > 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 10))
    return this.#outbox.size === 0
  }

  #onMessage (topic: string, payload: Buffer): void {
    const message = parseInbox(this.deviceId, topic, payload)
    if (message.kind === 'command') this.#onCommand(message.command)
    else if (message.kind === 'bad-command' && message.cmdId != null) this.#ack(message.cmdId, { ok: false, error: message.error })
    else if (message.kind === 'error') this.#onError(message.error)
  }

  #onError (error: DeviceError): void {
    this.#opts.onError?.(new Error(`event ${error.eventId ?? '?'} dead-lettered: ${error.code} ${error.message}`))
    this.#ack(error.errorId, { ok: true })
  }

  #onCommand (command: Command): void {
    // a re-delivered command gets the same answer and is not carried out twice
    const earlier = this.#commandResults.get(command.cmdId)
    if (earlier != null) return this.#ack(command.cmdId, earlier)
    this.commands.push(command)
    const result = this.#carryOut(command)
    this.#commandResults.set(command.cmdId, result)
    this.#ack(command.cmdId, result)
    if (command.type === 'start-charging' && result.ok) this.#startPort(command.sessionId, command.port, command.holdPoints)
  }

  #carryOut (command: Command): { ok: boolean, error?: string } {
    switch (command.type) {
      case 'start-charging': {
        if (this.sessions.has(command.port)) return { ok: false, error: `port ${command.port} is busy` }
        const swipeId = this.#pendingSwipeByPort.get(command.port)
        if (swipeId != null) this.#swipes.resolve(swipeId, { type: 'start', sessionId: command.sessionId, holdPoints: command.holdPoints })
        return { ok: true }
      }
      case 'deny-charging':
        this.#swipes.resolve(command.swipeEventId, { type: 'deny', reason: command.reason })
        return { ok: true }
      case 'stop-charging': {
        const session = this.sessions.get(command.port)
        if (session?.sessionId === command.sessionId) this.#stopPort(session, stopReasonFor[command.reason])
        return { ok: true }
      }
      default:
        return { ok: false, error: `a charging pile does not carry out ${command.type}` }
    }
  }

  #startPort (sessionId: string, port: number, holdPoints: number): void {
    let done: (reason: StopReason) => void = () => {}
    const stopped = new Promise<StopReason>(resolve => { done = resolve })
    const session: LivePort = {
      sessionId, port, holdPoints, battery: this.#batteries.get(port) ?? defaultBattery, curve: initialCurve(), nextSeq: 0, lastTs: this.deviceNow, fault: null, stopped, done
    }
    this.sessions.set(port, session)
    void this.#emit('charging-started', { eventId: this.#ids.next(), ts: session.lastTs, sessionId, port, seq: session.nextSeq++ })
    this.#tick(session)
  }

  #tick (session: LivePort): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      if (this.sessions.get(session.port) !== session) return
      const now = this.deviceNow
      session.curve = advance(session.battery, session.curve, now - session.lastTs)
      session.lastTs = now
      if (session.fault === 'fault' || session.fault === 'unplug') return this.#stopPort(session, session.fault === 'fault' ? 'FAULT' : 'UNPLUGGED')
      if (session.curve.full) return this.#stopPort(session, 'FULL')
      const point = pointOf(session.battery, session.curve)
      void this.#emit('charging-meter', {
        eventId: this.#ids.next(), ts: now, sessionId: session.sessionId, port: session.port, seq: session.nextSeq++,
        energyWh: Math.floor(session.curve.energyWh),
        powerW: session.fault === 'over-power' ? 900 : Math.round(point.powerW),
        voltageV: Math.round(point.voltageV * 10) / 10,
        temperatureC: session.fault === 'over-temperature' ? 85 : Math.round(point.temperatureC * 10) / 10
      })
      this.#tick(session)
    }, this.#tickMs)
    this.#timers.add(timer)
  }

  #stopPort (session: LivePort, reason: StopReason): void {
    if (this.sessions.get(session.port) !== session) return
    this.sessions.delete(session.port)
    const acked = this.#emit('charging-stopped', {
      eventId: this.#ids.next(), ts: Math.max(session.lastTs, this.deviceNow), sessionId: session.sessionId, port: session.port, seq: session.nextSeq++,
      reason, energyWh: Math.floor(session.curve.energyWh), ...(reason === 'FAULT' ? { faultCode: 'E42' } : {})
    })
    void acked.then(() => { session.done(reason) })
  }

  #ack (cmdId: string, result: { ok: boolean, error?: string }): void {
    void this.#emit('command-ack', { eventId: this.#ids.next(), ts: this.deviceNow, cmdId, ok: result.ok, ...(result.error != null ? { error: result.error.slice(0, 200) } : {}) })
  }

  /** Validates against the contract, buffers, sends in order; resolves on PUBACK. */
  #emit (type: EventType, body: Record<string, unknown> & { eventId: string }): Promise<void> {
    eventSchemas[type].parse(body)
    const acked = this.#outbox.add({ topic: topics.event(this.deviceId, type), payload: JSON.stringify(body), eventId: body.eventId })
    this.#drain()
    return acked
  }

  #drain (): void {
    void this.#outbox.drain(entry => this.#link.publishEvent(entry.topic, entry.payload), () => this.#link.online)
  }
}
