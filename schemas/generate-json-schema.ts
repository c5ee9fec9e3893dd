// Writes the device contract as JSON Schema (draft 2020-12) to schemas/json/,
// one file per payload, for kiosk makers who do not read TypeScript:
//   npm run schemas:json
// The zod schemas are the truth; test/schemas/json-schema.test.ts fails when
// the checked-in files differ from what this generator produces now.
//
// io mode: device → backend payloads are described as the backend *accepts*
// them (`input`: fields with a default, such as `method`, are optional and
// unknown extra fields are allowed); backend → device payloads as the backend
// *sends* them (`output`).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { alarmEventSchema } from './alarm.ts'
import { commandSchema, deviceErrorSchema } from './device-commands.ts'
import { commandAckEventSchema, depositEventSchema, doorEventSchema, statusSchema, swipeEventSchema } from './device-events.ts'
import { rateTableSchema } from './rate-table.ts'
import { accessRequestEventSchema, allowListSchema, gateCommandSchema, offlineDecisionEventSchema, visitorPassClaimsSchema } from './gate.ts'
import { chargingMeterEventSchema, chargingStartedEventSchema, chargingStoppedEventSchema, chargingSwipeEventSchema } from './charging.ts'

export const jsonSchemaDir = join(dirname(fileURLToPath(import.meta.url)), 'json')

type Io = 'input' | 'output'

/** Every device payload schema: file name (without `.schema.json`) → zod schema and io mode. */
export const devicePayloadSchemas: Record<string, { schema: z.ZodType, io: Io, direction: 'device → backend' | 'backend → device' }> = {
  SwipeEvent: { schema: swipeEventSchema, io: 'input', direction: 'device → backend' },
  DoorEvent: { schema: doorEventSchema, io: 'input', direction: 'device → backend' },
  DepositEvent: { schema: depositEventSchema, io: 'input', direction: 'device → backend' },
  CommandAckEvent: { schema: commandAckEventSchema, io: 'input', direction: 'device → backend' },
  DeviceStatus: { schema: statusSchema, io: 'input', direction: 'device → backend' },
  AlarmEvent: { schema: alarmEventSchema, io: 'input', direction: 'device → backend' },
  Command: { schema: commandSchema, io: 'output', direction: 'backend → device' },
  DeviceError: { schema: deviceErrorSchema, io: 'output', direction: 'backend → device' },
  RateTable: { schema: rateTableSchema, io: 'output', direction: 'backend → device' },
  // gates (docs/protocol.md "Gates")
  GateAccessRequest: { schema: accessRequestEventSchema, io: 'input', direction: 'device → backend' },
  GateOfflineDecision: { schema: offlineDecisionEventSchema, io: 'input', direction: 'device → backend' },
  GateCommand: { schema: gateCommandSchema, io: 'output', direction: 'backend → device' },
  AllowList: { schema: allowListSchema, io: 'output', direction: 'backend → device' },
  VisitorPassClaims: { schema: visitorPassClaimsSchema, io: 'output', direction: 'backend → device' },
  // charging piles (the start, stop and deny commands are part of Command)
  ChargingSwipeEvent: { schema: chargingSwipeEventSchema, io: 'input', direction: 'device → backend' },
  ChargingStartedEvent: { schema: chargingStartedEventSchema, io: 'input', direction: 'device → backend' },
  ChargingMeterEvent: { schema: chargingMeterEventSchema, io: 'input', direction: 'device → backend' },
  ChargingStoppedEvent: { schema: chargingStoppedEventSchema, io: 'input', direction: 'device → backend' }
}

/** Recursively sorts object keys so the output does not depend on construction order. */
function sortKeys (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key])
    return sorted
  }
  return value
}

/** name → file contents (pretty JSON, sorted keys, trailing newline). */
export function generateJsonSchemas (): Record<string, string> {
  const files: Record<string, string> = {}
  for (const [name, { schema, io }] of Object.entries(devicePayloadSchemas)) {
    const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'throw' })
    files[name] = `${JSON.stringify(sortKeys(json), null, 2)}\n`
  }
  return files
}

export const fileNameOf = (name: string): string => `${name}.schema.json`

/** Replaces schemas/json/*.schema.json with freshly generated files; returns the paths written. */
export function writeJsonSchemas (dir = jsonSchemaDir): string[] {
  mkdirSync(dir, { recursive: true })
  for (const stale of readdirSync(dir).filter(f => f.endsWith('.schema.json'))) rmSync(join(dir, stale))
  return Object.entries(generateJsonSchemas()).map(([name, text]) => {
    const path = join(dir, fileNameOf(name))
    writeFileSync(path, text)
    return path
  })
}

if (process.argv[1] != null && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const path of writeJsonSchemas()) process.stdout.write(`wrote ${path}\n`)
}
