// What arrives on the kiosk's inbox (`devices/{id}/+`), parsed with the
// contract's schemas. Pure: topic and bytes in, a tagged message out.
import { z } from 'zod'
import { commandSchema, deviceErrorSchema, type Command, type DeviceError } from '../schemas/device-commands.ts'
import { topics } from '../schemas/topics.ts'

export type InboxMessage =
  | { kind: 'command', command: Command }
  /** A command the kiosk cannot understand; acked with ok=false when it has a cmdId. */
  | { kind: 'bad-command', cmdId?: string, error: string }
  | { kind: 'error', error: DeviceError }
  | { kind: 'bad-error', error: string }
  /** Own status echo, retained config, or anything else the sim does not act on. */
  | { kind: 'ignored' }

const cmdIdOnly = z.object({ cmdId: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/) })

export function parseInbox (deviceId: string, topic: string, payload: Buffer | string): InboxMessage {
  if (topic === topics.commands(deviceId)) return parseCommand(payload.toString())
  if (topic === topics.errors(deviceId)) {
    const parsed = deviceErrorSchema.safeParse(tryJson(payload.toString()))
    return parsed.success ? { kind: 'error', error: parsed.data } : { kind: 'bad-error', error: z.prettifyError(parsed.error) }
  }
  return { kind: 'ignored' }
}

function parseCommand (text: string): InboxMessage {
  const json = tryJson(text)
  const parsed = commandSchema.safeParse(json)
  if (parsed.success) return { kind: 'command', command: parsed.data }
  const id = cmdIdOnly.safeParse(json)
  const error = json === undefined ? 'command is not valid JSON' : `command does not match the schema: ${z.prettifyError(parsed.error)}`
  return id.success ? { kind: 'bad-command', cmdId: id.data.cmdId, error } : { kind: 'bad-command', error }
}

function tryJson (text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
