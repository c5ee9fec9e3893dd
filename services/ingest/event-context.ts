// What an event handler gets and returns. Handlers run inside the batch
// transaction; their commands are recorded there and sent after the commit.
import type { DeviceCommand } from '../../schemas/device-commands.ts'
import type { ErrorCode } from '../../schemas/error-codes.ts'
import type { RegistryView } from '../devices/registry-cache.ts'
import type { SiteWithRates } from '../sites/site-registry.ts'
import type { Device } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

export interface EventContext {
  db: Executor
  device: Device
  site: SiteWithRates
  /** Cards, devices and sites as of this batch (cached across batches). */
  registry: RegistryView
  receivedAtMs: number
  sessionOpenWindowMs: number
  sessionDepositWindowMs: number
}

export interface CommandToSend { command: DeviceCommand, expiresAtMs: number }

export type HandlerResult =
  | { kind: 'applied', summary: Record<string, unknown>, commands: CommandToSend[], pointsCredited?: number, toReview?: boolean, commandAcked?: boolean }
  /** Valid JSON and schema, but the event cannot apply: dead-lettered with this code. */
  | { kind: 'rejected', code: ErrorCode, message: string }
