// Every payload example in docs/protocol.md is valid against the zod
// contract. An example is a ```json block preceded by a marker line
// `<!-- example: SchemaName -->`; unmarked ```json blocks are not allowed,
// so no example escapes the check. The `mosquitto_pub -m '…'` payloads of the
// walkthrough are checked too (placeholders filled in), as are the doc's
// worked points example, default rate table and error-code table.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import type { z } from 'zod'
import { alarmEventSchema } from '../../schemas/alarm.ts'
import { commandSchema, denyCommandSchema, deviceErrorSchema, displayCommandSchema, openCommandSchema } from '../../schemas/device-commands.ts'
import { commandAckEventSchema, depositEventSchema, doorEventSchema, eventSchemas, statusSchema, swipeEventSchema, type DepositEvent } from '../../schemas/device-events.ts'
import { errorCodes } from '../../schemas/error-codes.ts'
import { defaultRateTable, rateTableSchema } from '../../schemas/rate-table.ts'
import { parseTopic } from '../../schemas/topics.ts'
import { accessRequestEventSchema, allowListSchema, cardHashSchema, gateCommandSchema, gateDenyReasons, offlineDecisionEventSchema, passKeySchema, visitorPassClaimsSchema } from '../../schemas/gate.ts'
import { chargingMeterEventSchema, chargingStartedEventSchema, chargingStoppedEventSchema, chargingSwipeEventSchema, denyChargingCommandSchema, startChargingCommandSchema, stopChargingCommandSchema } from '../../schemas/charging.ts'
import { assessDeposit } from '../../services/points/deposit-points.ts'
import { hashCard } from '../../services/gate/allow-list.ts'
import { decodeAllowList } from '../../services/gate/allow-list-image.ts'
import { verifyPass } from '../../services/gate/visitor-pass.ts'
import { z as zod } from 'zod'

const docPath = fileURLToPath(new URL('../../docs/protocol.md', import.meta.url))
const doc = readFileSync(docPath, 'utf8')

const schemasByName: Record<string, z.ZodType> = {
  SwipeEvent: swipeEventSchema,
  DoorEvent: doorEventSchema,
  DepositEvent: depositEventSchema,
  CommandAckEvent: commandAckEventSchema,
  DeviceStatus: statusSchema,
  Command: commandSchema,
  OpenCommand: openCommandSchema,
  DenyCommand: denyCommandSchema,
  DisplayCommand: displayCommandSchema,
  DeviceError: deviceErrorSchema,
  RateTable: rateTableSchema,
  // gates (docs/protocol.md "Gates"); the vectors are checked against the reference code below
  GateAccessRequest: accessRequestEventSchema,
  GateOfflineDecision: offlineDecisionEventSchema,
  GateCommand: gateCommandSchema,
  CardHashVector: zod.object({ cardHashSalt: zod.string(), card: zod.string(), cardHash: cardHashSchema }),
  AllowListImageVector: zod.object({ image: zod.string(), list: allowListSchema }),
  PassTestVector: zod.object({ publicKey: passKeySchema, qr: zod.string(), claims: visitorPassClaimsSchema }),
  // charging piles (§12)
  ChargingSwipeEvent: chargingSwipeEventSchema,
  ChargingStartedEvent: chargingStartedEventSchema,
  ChargingMeterEvent: chargingMeterEventSchema,
  ChargingStoppedEvent: chargingStoppedEventSchema,
  StartChargingCommand: startChargingCommandSchema,
  StopChargingCommand: stopChargingCommandSchema,
  DenyChargingCommand: denyChargingCommandSchema,
  AlarmEvent: alarmEventSchema
}

interface Example { name: string | undefined, line: number, text: string }

/** All ```json blocks with the example marker (if any) on the nearest non-blank line above. */
function jsonBlocks (markdown: string): Example[] {
  const lines = markdown.split('\n')
  const blocks: Example[] = []
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```json') continue
    let j = i - 1
    while (j >= 0 && lines[j]?.trim() === '') j--
    const marker = /^<!--\s*example:\s*([A-Za-z]+)\s*-->$/.exec(lines[j]?.trim() ?? '')
    const end = lines.findIndex((l, k) => k > i && l.trim() === '```')
    blocks.push({ name: marker?.[1], line: i + 1, text: lines.slice(i + 1, end).join('\n') })
    i = end
  }
  return blocks
}

/** Paths present in `input` but dropped by parsing (fields the schema does not know). */
function unknownKeys (input: unknown, output: unknown, path = '$'): string[] {
  if (Array.isArray(input) && Array.isArray(output)) return input.flatMap((v, i) => unknownKeys(v, output[i], `${path}[${i}]`))
  if (input !== null && typeof input === 'object' && output !== null && typeof output === 'object') {
    return Object.keys(input).flatMap(k => k in output
      ? unknownKeys((input as Record<string, unknown>)[k], (output as Record<string, unknown>)[k], `${path}.${k}`)
      : [`${path}.${k}`])
  }
  return []
}

const examples = jsonBlocks(doc)

t.test('every ```json block in docs/protocol.md is a marked payload example', async t => {
  t.ok(examples.length >= 12, `found ${examples.length} examples`)
  for (const e of examples) {
    t.ok(e.name != null, `line ${e.line}: a \`<!-- example: SchemaName -->\` marker precedes the block`)
    if (e.name != null) t.ok(e.name in schemasByName, `line ${e.line}: ${e.name} is one of ${Object.keys(schemasByName).join(', ')}`)
  }
  const covered = new Set(examples.map(e => e.name))
  for (const name of ['SwipeEvent', 'DoorEvent', 'DepositEvent', 'CommandAckEvent', 'DeviceStatus', 'OpenCommand', 'DenyCommand', 'DisplayCommand', 'DeviceError', 'RateTable', 'AlarmEvent',
    ...Object.keys(schemasByName).filter(n => n.includes('Charging'))]) {
    t.ok(covered.has(name), `the doc shows an example of ${name}`)
  }
})

t.test('every example is valid and uses only known fields', async t => {
  for (const e of examples) {
    const schema = e.name != null ? schemasByName[e.name] : undefined
    if (schema == null) continue
    let json: unknown
    try {
      json = JSON.parse(e.text)
    } catch (err) {
      t.fail(`line ${e.line} (${e.name}): not JSON: ${(err as Error).message}`)
      continue
    }
    const parsed = schema.safeParse(json)
    t.ok(parsed.success, `line ${e.line}: valid ${e.name}${parsed.success ? '' : `: ${parsed.error.message}`}`)
    if (parsed.success) t.same(unknownKeys(json, parsed.data), [], `line ${e.line}: ${e.name} has no fields the schema does not know`)
    if (e.name?.endsWith('Command') === true && !e.name.startsWith('Gate')) t.ok(commandSchema.safeParse(json).success, `line ${e.line}: also a valid Command`)
  }
})

t.test('the walkthrough payloads (mosquitto_pub -m) are valid for their topics', async t => {
  const filled = doc
    .replaceAll('<cmdId>', 'cmd_0mjuzd2o0f6a7b8c9d0')
    .replaceAll('<display cmdId>', 'cmd_0mjuzd3a1b2c3d4e5f6')
    .replaceAll('<sessionId>', 'ses_0mjuzd2o0a1b2c3d4e5')
    .replace(/<[a-z -]+ cmdId>/g, 'cmd_0mjuzd3a1b2c3d4e5f7')
  const publishes = [...filled.matchAll(/-t "devices\/\$ID\/([a-z/-]+)" \\?\s*(?:\n\s*)?-m '([^']+)'/g)]
  t.ok(publishes.length >= 7, `found ${publishes.length} mosquitto_pub payloads`)
  for (const [, subtopic, payload] of publishes) {
    const topic = parseTopic(`devices/kiosk-01/${subtopic ?? ''}`)
    const schema = topic.kind === 'event' ? eventSchemas[topic.eventType] : topic.kind === 'status' ? statusSchema : undefined
    t.ok(schema != null, `devices/$ID/${subtopic ?? ''} is a device topic`)
    const parsed = schema?.safeParse(JSON.parse(payload ?? ''))
    t.ok(parsed?.success, `${subtopic ?? ''}: ${payload ?? ''}`)
  }
})

t.test('the worked points example and the default rate table match the code', async t => {
  const deposit = examples.find(e => e.name === 'DepositEvent')
  const parsed = depositEventSchema.parse(JSON.parse(deposit?.text ?? '{}')) as DepositEvent
  const assessment = assessDeposit(parsed.lines, defaultRateTable)
  t.equal(assessment.pointsComputed, 274, 'the DepositEvent example earns 274 points as the doc says')
  t.same(assessment.reviewReasons, [])
  t.match(doc, /\*\*total\*\* \| \| \*\*274\*\*/, 'the worked example table says 274')
  t.same(assessDeposit([{ category: 'paper', grams: 999 }, { category: 'paper', grams: 999 }], defaultRateTable).pointsComputed, 78, 'two 999 g paper lines: 78')
  t.same(assessDeposit([{ category: 'paper', grams: 1998 }], defaultRateTable).pointsComputed, 79, 'one 1998 g paper line: 79')
  t.same(assessDeposit([{ category: 'paper', grams: 2500 }, { category: 'plastic', grams: 1234 }], defaultRateTable).pointsComputed, 174, 'walkthrough deposit: 174')
  const rates = examples.find(e => e.name === 'RateTable')
  t.same(JSON.parse(rates?.text ?? '{}'), defaultRateTable, 'the RateTable example is the default every new site gets')
})

t.test('the doc names every code a device can receive', async t => {
  const deviceFacing = ['MALFORMED_JSON', 'SCHEMA_VIOLATION', 'UNKNOWN_TOPIC', 'FORBIDDEN_TOPIC', 'PAYLOAD_TOO_LARGE', 'SESSION_UNKNOWN', 'SESSION_CLOSED', 'EVENT_ID_REUSED', 'STORE_REJECTED', 'COMMAND_UNKNOWN', 'DEVICE_UNKNOWN', 'ALARM_REFUSED']
  const denyReasons = denyCommandSchema.shape.reason.options
  for (const code of [...deviceFacing, ...denyReasons]) {
    t.ok(code in errorCodes, `${code} is a known error code`)
    t.match(doc, new RegExp(`\\| \`${code}\` \\|`), `${code} has a row in a table of docs/protocol.md`)
  }
})

t.test('the gate section: every deny reason has a row, every gate command and event is shown, the vectors hold', async t => {
  for (const reason of gateDenyReasons) t.match(doc, new RegExp(`\\| \`${reason}\` \\|`), `${reason} has a row`)
  const commandTypes = new Set(examples.filter(e => e.name === 'GateCommand').map(e => (JSON.parse(e.text) as { type: string }).type))
  t.same([...commandTypes].sort(), ['allow-list-delta', 'gate-config', 'gate-deny', 'gate-open', 'time-sync'], 'an example of each command but the full list (its image is the vector)')
  for (const topic of ['events/access-request', 'events/offline-decision']) t.match(doc, `\`devices/{id}/${topic}\``, `${topic} is in the gate topics`)

  const hash = zod.object({ cardHashSalt: zod.string(), card: zod.string(), cardHash: zod.string() }).parse(JSON.parse(examples.find(e => e.name === 'CardHashVector')?.text ?? '{}'))
  t.equal(hashCard(Buffer.from(hash.cardHashSalt, 'hex'), hash.card), hash.cardHash, 'the card-hash vector')
  const image = zod.object({ image: zod.string(), list: allowListSchema }).parse(JSON.parse(examples.find(e => e.name === 'AllowListImageVector')?.text ?? '{}'))
  t.same(decodeAllowList(Buffer.from(image.image, 'base64url')), image.list, 'the image vector decodes to its list')
  t.equal(image.list.entries[0]?.cardHash, hash.cardHash, 'and lists the card of the hash vector')
  const vector = zod.object({ publicKey: passKeySchema, qr: zod.string(), claims: visitorPassClaimsSchema }).parse(JSON.parse(examples.find(e => e.name === 'PassTestVector')?.text ?? '{}'))
  const check = { siteId: 's1', gateId: 'gate-north', keys: [vector.publicKey], revoked: new Set<string>(), clockSynced: true, usesBefore: 0 }
  t.same(verifyPass(vector.qr, { ...check, nowMs: vector.claims.nbf * 1000 }), { ok: true, claims: vector.claims }, 'the pass vector verifies in its window')
  t.same(verifyPass(vector.qr, { ...check, nowMs: vector.claims.exp * 1000 }), { ok: false, reason: 'EXPIRED' }, 'and is EXPIRED at exp')
})

t.test('the charging section names every stop reason, stop command reason and deny reason', async t => {
  const section = doc.slice(doc.indexOf('## 12. Charging piles'))
  t.ok(section.length > 1000, 'docs/protocol.md has a charging section')
  const { stopReasons, stopCommandReasons, chargingDenyReasons } = await import('../../schemas/charging.ts')
  for (const code of [...stopReasons, ...stopCommandReasons, ...chargingDenyReasons]) {
    t.match(section, new RegExp(`^\\| [^\\n]*\`${code}\``, 'm'), `${code} is in a table of the charging section`)
  }
  for (const type of ['charging-swipe', 'charging-started', 'charging-meter', 'charging-stopped'] as const) {
    t.equal(parseTopic(`devices/pile-01/events/${type}`).kind, 'event', `${type} is an event topic`)
    t.match(section, `\`devices/{id}/events/${type}\``, `${type} is in the topic table`)
  }
})
