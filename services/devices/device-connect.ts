// What happens when a device subscribes to its commands: a gate first gets its
// time, settings and list recorded (gate/gate-connect.ts), then everything
// pending is sent again; meanwhile the gate sync's direct sends to it wait, so
// the re-send carries each command once (connect-window.ts). Every step fails
// alone and is logged: a command not sent now stays pending for the next connect.
import type { Logger } from 'pino'
import type { Executor } from '../store/executor.ts'
import { stillPending, type OutgoingMessage } from './command-delivery.ts'
import { createConnectWindows } from './connect-window.ts'

export interface DeviceConnectOptions {
  db: Executor
  log: Logger
  /** Records what a connecting gate needs; false (nothing recorded) for other devices. */
  prepare: (deviceId: string) => Promise<unknown>
  /** Sends everything pending again but `except` (payloads); resolves with what it sent. */
  resendPending: (deviceId: string, except: ReadonlySet<string>) => Promise<OutgoingMessage[]>
  /** Writes to the device's connection; false when it has none subscribed to the topic. */
  write: (message: OutgoingMessage) => boolean
  /** The device's connection now (an opaque token), or undefined. */
  connectionOf: (deviceId: string) => object | undefined
  /** Test seams: hold a connect before it is prepared; learn when it has sent everything. */
  starting?: ((deviceId: string) => Promise<void>) | undefined
  settled?: ((deviceId: string) => void) | undefined
}

export interface DeviceConnect {
  /** The broker's report of a SUBSCRIBE covering the device's commands topic. */
  commandsSubscribed: (deviceId: string) => Promise<void>
  /** The gate sync's send: held while the device's connect is being prepared. */
  sendFromSync: (message: OutgoingMessage) => void
}

export function createDeviceConnect (options: DeviceConnectOptions): DeviceConnect {
  const { db, log } = options
  const windows = createConnectWindows()

  /** Held messages the re-send did not carry, unless superseded, acked or expired since (a stale time must not follow a fresh one). */
  async function sendHeldIfPending (held: OutgoingMessage[]): Promise<void> {
    if (held.length === 0) return
    const commands = held.map(message => ({ message, cmdId: (JSON.parse(message.payload) as { cmdId: string }).cmdId }))
    const pending = await stillPending(db, commands.map(c => c.cmdId), Date.now())
    for (const { message, cmdId } of commands) if (pending.has(cmdId)) options.write(message)
  }

  return {
    async commandsSubscribed (deviceId) {
      windows.opened(deviceId)
      let resent: OutgoingMessage[] = []
      try {
        await options.starting?.(deviceId)
        await options.prepare(deviceId)
      } catch (err) {
        log.warn({ err, deviceId }, 'gate connect commands not recorded')
      }
      try {
        // not what the sync wrote to this very connection just before the SUBSCRIBE was reported
        resent = await options.resendPending(deviceId, windows.writtenTo(deviceId, options.connectionOf(deviceId)))
      } catch (err) {
        log.warn({ err, deviceId }, 'pending commands not re-sent')
      }
      // always closed: an open window would hold every later sync send to this device
      const held = windows.closed(deviceId, resent)
      try {
        await sendHeldIfPending(held)
      } catch (err) {
        log.warn({ err, deviceId }, 'commands held during the connect not sent; they go out at the next connect')
      }
      options.settled?.(deviceId)
    },
    sendFromSync (message) {
      if (windows.absorbs(message)) return
      const connection = options.connectionOf(message.deviceId)
      if (options.write(message) && connection != null) windows.written(message, connection)
    }
  }
}
