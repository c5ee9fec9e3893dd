// Keeps online gates converged, on the main thread: when the registry
// version moves (a card blocked or lost over HTTP or the CLI, a schedule,
// holidays, a revoked pass or a new key), every online gate of every site
// gets the new list version (a delta from what it acknowledged) at once (seen
// right after a staff write in this process, or by the next poll); and
// every timeSyncMs each online gate gets the time again. A gate held back from
// a version because it has not acked the one before is sent it when its wait
// (LIST_ACK_WAIT_MS) ends, by a round of its own. A gate that connects
// gets time, settings and list from prepareGateConnect (gate-connect.ts).
// Each site has its own transaction and its own failure: a site whose list
// cannot be built (unbuildable-list.ts) or whose round fails holds up no other
// site, and its gates still get the time.
import type { Logger } from 'pino'
import type { DeviceCommand } from '../../schemas/device-commands.ts'
import { commandMessage, recordCommands, type OutgoingMessage } from '../devices/command-delivery.ts'
import { activeAlarmKeys } from '../alarms/sweep-inputs.ts'
import { registryVersion } from '../devices/registry-version.ts'
import type { Executor } from '../store/executor.ts'
import { inTransaction } from '../store/executor.ts'
import { listDeliveryFor } from './allow-list-delivery.ts'
import { currentAllowList, type AllowListSource } from './allow-list-store.ts'
import { recordTimeSync } from './gate-connect.ts'
import { clearUnbuildableList, listOrAlarm, UNBUILDABLE_LIST_ALARM } from './unbuildable-list.ts'

export interface GateSyncOptions {
  db: Executor
  log: Logger
  connectedDeviceIds: () => string[]
  send: (message: OutgoingMessage) => void
  pollMs: number
  timeSyncMs: number
  /** Where lists come from (shared with the connect path, so each version is made once). */
  lists?: AllowListSource
}

export interface GateSync {
  /** One round now: new list versions to online gates (and the time, when due). Resolves with the messages sent. */
  runOnce: (nowMs?: number) => Promise<OutgoingMessage[]>
  /**
   * A round as soon as the running one (if any) ends, at most one waiting: called after a
   * staff write in this process, so a blocked card does not wait for the next poll. Writes
   * from other processes (CLI, other nodes) are seen by the poll.
   */
  nudge: () => void
  stop: () => Promise<void>
}

export function startGateSync (options: GateSyncOptions): GateSync {
  const { db, log } = options
  let seenVersion = -1
  /** When a gate held back from a version (an older list command unacked) is due it anyway: the lists run again then. */
  let heldBackUntilMs: number | undefined
  let lastTimeSyncMs = Date.now()
  // rounds run one after another: a round asked for while one runs starts when it ends
  let chain: Promise<unknown> = Promise.resolve()
  let busy = 0
  let stopped = false

  async function onlineGatesBySite (): Promise<Map<string, { id: string, timezone: string }[]>> {
    const connected = options.connectedDeviceIds()
    const bySite = new Map<string, { id: string, timezone: string }[]>()
    if (connected.length === 0) return bySite
    // in chunks: a node holds up to 100k devices, more than a statement may take parameters
    for (let at = 0; at < connected.length; at += 5000) {
      const rows = await db.selectFrom('devices').innerJoin('sites', 'sites.id', 'devices.site_id')
        .select(['devices.id', 'devices.site_id', 'sites.timezone']).where('devices.kind', '=', 'gate').where('devices.id', 'in', connected.slice(at, at + 5000)).execute()
      for (const r of rows) bySite.set(r.site_id, [...(bySite.get(r.site_id) ?? []), { id: r.id, timezone: r.timezone }])
    }
    return bySite
  }

  async function round (nowMs: number): Promise<OutgoingMessage[]> {
    const version = await registryVersion(db)
    const timeDue = nowMs - lastTimeSyncMs >= options.timeSyncMs
    const listsDue = version !== seenVersion || (heldBackUntilMs != null && nowMs >= heldBackUntilMs)
    if (!listsDue && !timeDue) return []
    const online = await onlineGatesBySite()
    // sites whose list could not be built: tried again (and their alarm cleared) even with no gate online here
    const alarmed = new Set(listsDue ? (await activeAlarmKeys(db, [UNBUILDABLE_LIST_ALARM])).flatMap(k => k.siteId ?? []) : [])
    const sent: OutgoingMessage[] = []
    let failed = false
    if (listsDue) heldBackUntilMs = undefined
    for (const siteId of new Set([...online.keys(), ...alarmed])) {
      // a site whose round fails stops neither the other sites nor the next round
      let commands: Array<{ deviceId: string, command: DeviceCommand }>
      try {
        commands = await inTransaction(db, trx => siteRound(trx, siteId, online.get(siteId) ?? [], { listsDue, timeDue, alarmed: alarmed.has(siteId) }, nowMs))
      } catch (err) {
        failed = true
        log.error({ err, siteId }, 'gate sync round failed for this site; the next round tries again')
        continue
      }
      for (const { deviceId, command } of commands) {
        const message = commandMessage(deviceId, { payload: JSON.stringify(command) })
        options.send(message)
        sent.push(message)
      }
    }
    // a store error at a site: the next poll runs the lists of every site again (the others find nothing to send)
    if (!failed) seenVersion = version
    if (timeDue) lastTimeSyncMs = nowMs
    return sent
  }

  /** One site in one transaction: the new snapshot and its commands are stored together, then sent. */
  async function siteRound (trx: Executor, siteId: string, gates: Array<{ id: string, timezone: string }>, due: { listsDue: boolean, timeDue: boolean, alarmed: boolean }, nowMs: number) {
    const out: Array<{ deviceId: string, command: DeviceCommand }> = []
    // the list first: a new version locks the site's row before the gates' rows, as a list ack does (gate-acks.ts)
    if (due.listsDue) {
      // a list that cannot be built is logged and alarmed, and the site's gates still get the time
      const list = await listOrAlarm(trx, options.lists ?? currentAllowList, siteId, nowMs, log)
      if (list != null && due.alarmed) await clearUnbuildableList(trx, siteId, nowMs)
      if (list != null && gates.length > 0) {
        const delivery = await listDeliveryFor(trx, gates.map(g => g.id), list, nowMs)
        if (delivery.heldBackUntilMs != null) heldBackUntilMs = Math.min(heldBackUntilMs ?? Infinity, delivery.heldBackUntilMs)
        const listCommands = [...delivery.commands].map(([deviceId, c]) => ({ deviceId, ...c }))
        await recordCommands(trx, listCommands)
        out.push(...listCommands)
      }
    }
    if (due.timeDue) for (const gate of gates) out.push({ deviceId: gate.id, command: await recordTimeSync(trx, gate.id, gate.timezone, nowMs) })
    return out
  }

  function runOnce (nowMs?: number): Promise<OutgoingMessage[]> {
    busy++
    const next = chain.then(() => round(nowMs ?? Date.now())).finally(() => { busy-- })
    chain = next.catch(() => {})
    return next
  }

  let nudged = false
  function nudge (): void {
    if (stopped || nudged) return
    nudged = true
    busy++
    const next = chain.then(() => { nudged = false; return round(Date.now()) }).finally(() => { busy-- })
    chain = next.catch((err: unknown) => log.warn({ err }, 'gate sync round failed; the next round tries again'))
  }

  const timer = setInterval(() => {
    if (stopped || busy > 0) return
    runOnce().catch((err: unknown) => log.warn({ err }, 'gate sync round failed; the next round tries again'))
  }, options.pollMs)
  timer.unref()

  return {
    runOnce,
    nudge,
    async stop () {
      stopped = true
      clearInterval(timer)
      await chain
    }
  }
}
