// A simulated access gate, driven the way docs/protocol.md ("Gates") tells a
// gate maker: on connect it takes the time, its settings (card-hash salt) and
// the allow-list (full image or delta, acked by version, refused with ok=false
// when it does not fit); a presented card or pass goes to the backend as an
// access request, and when the backend does not answer in time (or the gate
// is offline) the gate decides alone from its list and replays that decision
// later (offline-decision). Its clock may drift until the backend syncs it.
// Every up-link event goes through the offline buffer (outbox.ts).
import type { CommandAckEvent } from '../schemas/device-events.ts'
import { gateCommandSchema, type AccessRequestEvent, type AllowList, type Credential, type Direction, type GateCommand, type OfflineDecisionEvent } from '../schemas/gate.ts'
import { topics } from '../schemas/topics.ts'
import { applyAllowListDelta } from '../services/gate/allow-list-delta.ts'
import { decodeAllowList } from '../services/gate/allow-list-image.ts'
import { hashCard } from '../services/gate/allow-list.ts'
import { checkSchedule } from '../services/gate/schedule.ts'
import { createEventIds, type EventIds } from './event-ids.ts'
import { DeviceLink } from './link.ts'
import { Outbox } from './outbox.ts'
import { verifyVisitorPass } from './pass-verifier.ts'
import { ReplyWaiters } from './replies.ts'

export interface SimGateOptions {
  mqttUrl: string
  deviceId: string
  siteId: string
  secret: string
  /** How long to wait for the backend's answer before deciding offline. Default 1500 ms. */
  answerTimeoutMs?: number
  /** The gate's clock is off by this much until the backend syncs it. Default 0. */
  clockDriftMs?: number
  reconnectPeriodMs?: number
}

export type GateAnswer =
  | { decidedBy: 'backend', result: 'allow' | 'deny', reason?: string, eventId: string }
  | { decidedBy: 'gate', result: 'allow' | 'deny', reason?: string, eventId: string }

export interface GateStats {
  requests: number
  openedOnline: number
  deniedOnline: number
  decidedOffline: number
  remoteOpens: number
  listsApplied: number
  listsRefused: number
  timeSyncs: number
}

type GateOpenOrDeny = Extract<GateCommand, { type: 'gate-open' | 'gate-deny' }>

export class SimGate {
  readonly deviceId: string
  readonly stats: GateStats = { requests: 0, openedOnline: 0, deniedOnline: 0, decidedOffline: 0, remoteOpens: 0, listsApplied: 0, listsRefused: 0, timeSyncs: 0 }
  readonly #opts: SimGateOptions
  readonly #link: DeviceLink
  readonly #outbox = new Outbox()
  readonly #ids: EventIds
  readonly #answers = new ReplyWaiters<GateOpenOrDeny>()
  readonly #done = new Map<string, CommandAckEvent['ok']>()
  readonly #passUses = new Map<string, number>()
  #list: AllowList | undefined
  #salt: Buffer | undefined
  #directions: Direction[] = ['in', 'out']
  #clockOffsetMs: number
  #clockSynced = false

  constructor (opts: SimGateOptions) {
    this.#opts = opts
    this.deviceId = opts.deviceId
    this.#clockOffsetMs = opts.clockDriftMs ?? 0
    this.#ids = createEventIds(opts.deviceId)
    this.#link = new DeviceLink({ ...opts, reconnectPeriodMs: opts.reconnectPeriodMs ?? 200 }, {
      onConnect: () => { this.#drain() },
      onMessage: (topic, payload) => { this.#onMessage(topic, payload.toString()) }
    })
  }

  get online (): boolean { return this.#link.online }
  get listVersion (): number { return this.#list?.version ?? 0 }
  get clockSynced (): boolean { return this.#clockSynced }
  get pendingEvents (): number { return this.#outbox.size }
  /** The gate's own clock. */
  now (): number { return Date.now() + this.#clockOffsetMs }

  start (): Promise<void> { return this.#link.open() }
  /**
   * A power cut while the network is down: the list survives in flash, the
   * clock does not (it restarts off by `driftMs`) and stays untrusted until
   * the backend syncs it again, so time-bound credentials are refused meanwhile.
   */
  async rebootOffline (driftMs = this.#opts.clockDriftMs ?? 0): Promise<void> {
    await this.#link.goOffline()
    this.#clockSynced = false
    this.#clockOffsetMs = driftMs
  }
  goOffline (): Promise<void> { return this.#link.goOffline() }
  goOnline (): Promise<void> { return this.#link.goOnline() }
  async close (): Promise<void> {
    this.#answers.cancelAll()
    await this.#link.close()
  }

  /** A card or pass presented at a reader: the backend decides when it answers in time, the gate otherwise. */
  async present (credential: Credential, direction: Direction, reader = direction === 'in' ? 0 : 1): Promise<GateAnswer> {
    this.stats.requests++
    if (this.online) {
      const eventId = this.#ids.next()
      const answer = this.#answers.wait(eventId, this.#opts.answerTimeoutMs ?? 1500)
      void this.#emit('access-request', { eventId, ts: this.now(), credential, reader, direction } satisfies AccessRequestEvent)
      const command = await answer
      if (command != null) {
        if (command.type === 'gate-open') this.stats.openedOnline++
        else this.stats.deniedOnline++
        return command.type === 'gate-open' ? { decidedBy: 'backend', result: 'allow', eventId } : { decidedBy: 'backend', result: 'deny', reason: command.reason, eventId }
      }
      // the answer came too late: the decision names the request it replaces
      return this.#decideOffline(credential, direction, reader, eventId)
    }
    return this.#decideOffline(credential, direction, reader)
  }

  #decideOffline (credential: Credential, direction: Direction, reader: number, requestEventId?: string): GateAnswer {
    this.stats.decidedOffline++
    const passUsesBefore = credential.kind === 'pass' ? this.#usesOf(credential.qr) : undefined
    const verdict = this.#offlineVerdict(credential, direction)
    if (verdict.result === 'allow' && credential.kind === 'pass' && verdict.passId != null) this.#passUses.set(verdict.passId, (this.#passUses.get(verdict.passId) ?? 0) + 1)
    const eventId = this.#ids.next()
    const event: OfflineDecisionEvent = {
      eventId, ts: this.now(), credential, reader, direction,
      decision: verdict.result === 'allow' ? { result: 'allow' } : { result: 'deny', reason: verdict.reason as Extract<OfflineDecisionEvent['decision'], { result: 'deny' }>['reason'] },
      allowListVersion: this.listVersion, clockSynced: this.#clockSynced,
      ...(passUsesBefore != null ? { passUsesBefore } : {}),
      ...(requestEventId != null ? { requestEventId } : {})
    }
    void this.#emit('offline-decision', event)
    return { decidedBy: 'gate', result: verdict.result, ...(verdict.reason != null ? { reason: verdict.reason } : {}), eventId }
  }

  /** docs/protocol.md "Deciding offline", in its order. */
  #offlineVerdict (credential: Credential, direction: Direction): { result: 'allow' | 'deny', reason?: string, passId?: string } {
    const list = this.#list
    if (!this.#directions.includes(direction)) return { result: 'deny', reason: 'DIRECTION_NOT_SERVED' }
    if (credential.kind === 'pass') {
      const verdict = verifyVisitorPass(credential.qr, {
        siteId: this.#opts.siteId, gateId: this.deviceId, keys: list?.passKeys ?? [], revokedPasses: list?.revokedPasses ?? [],
        clockSynced: this.#clockSynced, nowMs: this.now(), usesBefore: passId => this.#passUses.get(passId) ?? 0
      })
      return verdict.ok ? { result: 'allow', passId: verdict.passId } : { result: 'deny', reason: verdict.reason }
    }
    const entry = list == null || this.#salt == null ? undefined : list.entries.find(e => e.cardHash === hashCard(this.#salt!, credential.card))
    if (entry == null) return { result: 'deny', reason: 'NOT_IN_ALLOW_LIST' }
    if (entry.schedule === 0) return { result: 'allow' }
    const schedule = list!.schedules[entry.schedule - 1]
    if (schedule == null) return { result: 'deny', reason: 'NOT_IN_ALLOW_LIST' }
    if (!this.#clockSynced && !(schedule.freeExit && direction === 'out')) return { result: 'deny', reason: 'CLOCK_UNTRUSTED' }
    const refusal = checkSchedule({ schedule, holidays: new Set(list!.holidays), direction, timeZone: list!.timeZone, nowMs: this.now() })
    return refusal == null ? { result: 'allow' } : { result: 'deny', reason: refusal }
  }

  #usesOf (qr: string): number {
    try {
      const claims = JSON.parse(Buffer.from(qr.split('.')[1] ?? '', 'base64url').toString('utf8')) as { pass?: unknown }
      return typeof claims.pass === 'string' ? this.#passUses.get(claims.pass) ?? 0 : 0
    } catch {
      return 0
    }
  }

  #onMessage (topic: string, text: string): void {
    if (topic !== topics.commands(this.deviceId)) return
    let json: unknown
    try { json = JSON.parse(text) } catch { return }
    const parsed = gateCommandSchema.safeParse(json)
    if (!parsed.success) return
    const command = parsed.data
    // de-duplicate by cmdId: carry out once, ack every time (docs/protocol.md §6)
    const earlier = this.#done.get(command.cmdId)
    if (earlier != null) return this.#ack(command.cmdId, earlier)
    const result = this.#carryOut(command)
    this.#done.set(command.cmdId, result.ok)
    this.#ack(command.cmdId, result.ok, result.error)
  }

  #carryOut (command: GateCommand): { ok: boolean, error?: string } {
    switch (command.type) {
      case 'time-sync':
        this.#clockOffsetMs = command.serverTimeMs - Date.now()
        this.#clockSynced = true
        this.stats.timeSyncs++
        return { ok: true }
      case 'gate-config':
        this.#salt = Buffer.from(command.cardHashSalt, 'hex')
        this.#directions = command.directions
        return { ok: true }
      case 'allow-list-full':
        this.#list = decodeAllowList(Buffer.from(command.image, 'base64url'))
        this.stats.listsApplied++
        return { ok: true }
      case 'allow-list-delta': {
        const applied = this.#list == null ? undefined : applyAllowListDelta(this.#list, command.delta)
        if (applied == null || !applied.ok) {
          this.stats.listsRefused++
          return { ok: false, error: `list at ${this.listVersion}, delta from ${command.delta.baseVersion}` }
        }
        this.#list = applied.list
        this.stats.listsApplied++
        return { ok: true }
      }
      case 'gate-open':
        if (command.requestEventId == null) {
          if (command.expiresAtMs < this.now()) return { ok: false, error: 'expired' }
          this.stats.remoteOpens++
          return { ok: true }
        }
        this.#answers.resolve(command.requestEventId, command)
        return { ok: true }
      case 'gate-deny':
        this.#answers.resolve(command.requestEventId, command)
        return { ok: true }
    }
  }

  #ack (cmdId: string, ok: boolean, error?: string): void {
    void this.#emit('command-ack', { eventId: this.#ids.next(), ts: this.now(), cmdId, ok, ...(error != null ? { error: error.slice(0, 200) } : {}) })
  }

  #emit (type: 'access-request' | 'offline-decision' | 'command-ack', body: AccessRequestEvent | OfflineDecisionEvent | CommandAckEvent): Promise<void> {
    const done = this.#outbox.add({ topic: topics.event(this.deviceId, type), payload: JSON.stringify(body), eventId: body.eventId })
    this.#drain()
    return done
  }

  #drain (): void {
    void this.#outbox.drain(entry => this.#link.publishEvent(entry.topic, entry.payload), () => this.#link.online)
  }
}
