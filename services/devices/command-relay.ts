// Commands reach a device wherever it is connected. A command recorded by a
// process that may not hold the device's connection (staff over HTTP on
// another node, the CLI, a sweep that runs on whichever node holds its lease)
// is recorded with a relay marker in the same transaction. The recording
// process sends it at once when it holds the connection, and drops the
// marker; every node's relay pass sends the marked commands of the devices
// connected to it and drops those markers. A marker whose command is no
// longer pending, or that no node took within RELAY_WINDOW_MS (the device is
// offline: it gets every pending command when it next subscribes), is
// dropped by any node. A command sent twice (the pass and a subscribe at the
// same moment) is harmless: devices de-duplicate by cmdId (docs/protocol.md §4).
import type { Logger } from 'pino'
import type { DeviceCommand } from '../../schemas/device-commands.ts'
import type { Executor } from '../store/executor.ts'
import { commandMessage, recordCommand, type OutgoingMessage } from './command-delivery.ts'

/** Past this, no node holding the device picked the marker up: the device is offline. */
export const RELAY_WINDOW_MS = 60_000
const PASS_ROWS = 500

/** recordCommand, marked for the node that holds the device's connection. */
export async function recordRelayedCommand (db: Executor, deviceId: string, command: DeviceCommand, expiresAtMs: number): Promise<void> {
  await recordCommand(db, deviceId, command, expiresAtMs)
  await markForRelay(db, deviceId, command)
}

/** The marker alone, for a command recorded by a shared path (a gate's settings: also recorded at connect). */
export async function markForRelay (db: Executor, deviceId: string, command: Pick<DeviceCommand, 'cmdId' | 'ts'>): Promise<void> {
  await db.insertInto('command_relay').values({ cmd_id: command.cmdId, device_id: deviceId, created_at_ms: command.ts }).execute()
}

/** The message that sends a relayed command from the process that recorded it (its marker is dropped once written). */
export function relayedMessage (deviceId: string, command: DeviceCommand): OutgoingMessage {
  return { ...commandMessage(deviceId, { payload: JSON.stringify(command) }), cmdId: command.cmdId }
}

/** The recording process sent the command itself: no other node needs to. */
export async function relayed (db: Executor, cmdIds: string[]): Promise<void> {
  if (cmdIds.length > 0) await db.deleteFrom('command_relay').where('cmd_id', 'in', cmdIds).execute()
}

export interface RelayPassOptions {
  db: Executor
  isConnected: (deviceId: string) => boolean
  /** Writes to the device's live connection; false when it is not connected here. */
  send: (message: OutgoingMessage) => boolean
}

/** One pass: the marked commands of devices connected here sent, finished and stale markers dropped. */
export async function relayPass (options: RelayPassOptions, nowMs = Date.now()): Promise<{ sent: number, dropped: number }> {
  const { db } = options
  const rows = await db.selectFrom('command_relay')
    // a left join: a marker whose command was pruned meanwhile shows up, and goes
    .leftJoin('commands', 'commands.cmd_id', 'command_relay.cmd_id')
    .select(['command_relay.cmd_id', 'command_relay.device_id', 'command_relay.created_at_ms', 'commands.payload', 'commands.status', 'commands.expires_at_ms'])
    .orderBy('command_relay.created_at_ms').limit(PASS_ROWS).execute()
  // the usual pass: no markers at all, and no write (a write takes SQLite's write lock from the ingest)
  if (rows.length === 0) return { sent: 0, dropped: 0 }
  const done: string[] = []
  let sent = 0
  for (const row of rows) {
    const live = row.status === 'pending' && row.payload != null && Number(row.expires_at_ms) > nowMs
    if (live && options.isConnected(row.device_id)) {
      if (options.send({ ...commandMessage(row.device_id, { payload: row.payload! }), cmdId: row.cmd_id })) sent++
      done.push(row.cmd_id)
    } else if (!live) {
      done.push(row.cmd_id)
    }
  }
  await relayed(db, done)
  const stale = await db.deleteFrom('command_relay').where('created_at_ms', '<', nowMs - RELAY_WINDOW_MS).executeTakeFirst()
  return { sent, dropped: done.length - sent + Number(stale.numDeletedRows) }
}

export interface CommandRelay { stop: () => Promise<void> }

/** Runs relayPass every `everyMs` on this node (every node runs its own: each serves its own connections). */
export function startCommandRelay (options: RelayPassOptions & { log: Logger, everyMs: number }): CommandRelay {
  let running: Promise<unknown> | undefined
  let stopped = false
  const timer = setInterval(() => {
    if (stopped || running != null) return
    running = relayPass(options)
      .catch((err: unknown) => options.log.warn({ err }, 'command relay pass failed; the next pass tries again'))
      .finally(() => { running = undefined })
  }, options.everyMs)
  timer.unref()
  return {
    async stop () {
      stopped = true
      clearInterval(timer)
      await running
    }
  }
}
