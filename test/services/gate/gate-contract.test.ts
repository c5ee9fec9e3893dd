// The gate contract (schemas/gate.ts): docs/gate.md's examples are valid as
// written, its pass test vector verifies, and bad payloads are refused with
// the field and reason.
import { createPublicKey, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { z } from 'zod'
import {
  accessRequestEventSchema, accessScheduleSchema, allowListDeltaSchema, doorAlarmEventSchema, gateCommandSchema,
  offlineDecisionEventSchema, passKeySchema, visitorPassClaimsSchema
} from '../../../schemas/gate.ts'
import { verifyPass } from '../../../services/gate/visitor-pass.ts'

const doc = readFileSync(fileURLToPath(new URL('../../../docs/gate.md', import.meta.url)), 'utf8')

const passTestVectorSchema = z.object({ publicKey: passKeySchema, qr: z.string(), claims: visitorPassClaimsSchema })
const schemasByName: Record<string, z.ZodType> = {
  GateAccessRequest: accessRequestEventSchema,
  GateOfflineDecision: offlineDecisionEventSchema,
  GateDoorAlarm: doorAlarmEventSchema,
  GateCommand: gateCommandSchema,
  AccessSchedule: accessScheduleSchema,
  PassTestVector: passTestVectorSchema
}

const examples = [...doc.matchAll(/<!-- example: (\w+) -->\n```json\n([\s\S]*?)\n```/g)].map(m => ({ name: m[1] ?? '', json: JSON.parse(m[2] ?? '') as unknown }))

t.test('docs/gate.md examples are valid as written', async t => {
  t.equal(examples.length, (doc.match(/```json/g) ?? []).length, 'every json block is a marked example')
  t.ok(examples.length >= 7)
  for (const { name, json } of examples) {
    const schema = schemasByName[name]
    if (schema == null) {
      t.fail(`unknown example name ${name}`)
      continue
    }
    const parsed = schema.safeParse(json)
    t.ok(parsed.success, `${name}: ${parsed.success ? 'valid' : z.prettifyError(parsed.error)}`)
    t.same(parsed.data, json, `${name}: no unknown or defaulted fields`)
  }
})

t.test('the documented pass test vector verifies, by the module and by node:crypto alone', async t => {
  const vector = passTestVectorSchema.parse(examples.find(e => e.name === 'PassTestVector')?.json)
  const [, claims, signature] = vector.qr.split('.')
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: vector.publicKey.publicKey }, format: 'jwk' })
  t.ok(verify(null, Buffer.from(`VP1.${claims}`), key, Buffer.from(signature ?? '', 'base64url')), 'signature')
  t.same(JSON.parse(Buffer.from(claims ?? '', 'base64url').toString('utf8')), vector.claims, 'claims')
  const check = { siteId: 's1', gateId: 'gate-east', keys: [vector.publicKey], revoked: new Set<string>(), clockSynced: true, usesBefore: 0 }
  t.same(verifyPass(vector.qr, { ...check, nowMs: Date.parse('2026-03-09T09:59:59Z') }), { ok: true, claims: vector.claims })
  t.same(verifyPass(vector.qr, { ...check, nowMs: Date.parse('2026-03-09T10:00:00Z') }), { ok: false, reason: 'EXPIRED' })
})

const request = { eventId: 'e1', ts: 1, credential: { kind: 'card', card: 'CARD0001' }, reader: 0, direction: 'in' }
const offline = { ...request, decision: { result: 'allow' }, allowListVersion: 1, clockSynced: true }
const alarm = { eventId: 'e2', ts: 1, alarm: 'forced', state: 'raised' }
const open = { cmdId: 'c1', ts: 1, type: 'gate-open', releaseMs: 3000, expiresAtMs: 2 }
const delta = { siteId: 's1', baseVersion: 1, version: 2, added: [], changed: [], removed: [], header: {} }
const schedule = { id: 'x', weekdays: {} }

t.test('bad payloads are refused, naming the field', async t => {
  const cases: Array<[string, z.ZodType, unknown, string]> = [
    ['a valid request', accessRequestEventSchema, request, 'ok'],
    ['unknown direction', accessRequestEventSchema, { ...request, direction: 'up' }, 'direction'],
    ['reader 16', accessRequestEventSchema, { ...request, reader: 16 }, 'reader'],
    ['card with a space', accessRequestEventSchema, { ...request, credential: { kind: 'card', card: 'CARD 1' } }, 'credential.card'],
    ['QR with U+0000', accessRequestEventSchema, { ...request, credential: { kind: 'pass', qr: 'VP1.a\u0000' } }, 'credential.qr'],
    ['QR of 1025 characters', accessRequestEventSchema, { ...request, credential: { kind: 'pass', qr: 'x'.repeat(1025) } }, 'credential.qr'],
    ['empty QR', accessRequestEventSchema, { ...request, credential: { kind: 'pass', qr: '' } }, 'credential.qr'],
    ['unknown credential kind', accessRequestEventSchema, { ...request, credential: { kind: 'face' } }, 'credential.kind'],
    ['a valid offline decision', offlineDecisionEventSchema, offline, 'ok'],
    ['deny without a reason', offlineDecisionEventSchema, { ...offline, decision: { result: 'deny' } }, 'decision.reason'],
    ['deny with an unknown reason', offlineDecisionEventSchema, { ...offline, decision: { result: 'deny', reason: 'NOPE' } }, 'decision.reason'],
    ['list version beyond int32', offlineDecisionEventSchema, { ...offline, allowListVersion: 2 ** 31 }, 'allowListVersion'],
    ['pass uses beyond 1000', offlineDecisionEventSchema, { ...offline, passUsesBefore: 1001 }, 'passUsesBefore'],
    ['a valid alarm', doorAlarmEventSchema, alarm, 'ok'],
    ['unknown alarm', doorAlarmEventSchema, { ...alarm, alarm: 'smoke' }, 'alarm'],
    ['alarm detail with U+0000', doorAlarmEventSchema, { ...alarm, detail: 'a\u0000' }, 'detail'],
    ['open for a week', doorAlarmEventSchema, { ...alarm, openForS: 604_801 }, 'openForS'],
    ['a valid open', gateCommandSchema, open, 'ok'],
    ['release too short', gateCommandSchema, { ...open, releaseMs: 499 }, 'releaseMs'],
    ['unknown command', gateCommandSchema, { ...open, type: 'open' }, 'type'],
    ['image not base64url', gateCommandSchema, { cmdId: 'c1', ts: 1, type: 'allow-list-full', version: 1, image: 'a+b=' }, 'image'],
    ['a valid delta', allowListDeltaSchema, delta, 'ok'],
    ['delta going back', allowListDeltaSchema, { ...delta, version: 1 }, 'version must be after baseVersion'],
    ['card hash in capitals', allowListDeltaSchema, { ...delta, removed: ['A0B1C2D3E4F50617'] }, 'removed.0'],
    ['schedule index 256', allowListDeltaSchema, { ...delta, added: [{ cardHash: 'a0b1c2d3e4f50617', schedule: 256 }] }, 'added.0.schedule'],
    ['a valid schedule', accessScheduleSchema, schedule, 'ok'],
    ['empty period', accessScheduleSchema, { ...schedule, weekdays: { mon: [{ from: '08:00', to: '08:00' }] } }, 'from equals to'],
    ['period starting at 24:00', accessScheduleSchema, { ...schedule, weekdays: { mon: [{ from: '24:00', to: '02:00' }] } }, 'cannot start at 24:00'],
    ['25:00', accessScheduleSchema, { ...schedule, weekdays: { mon: [{ from: '08:00', to: '25:00' }] } }, 'weekdays.mon.0.to'],
    ['five periods a day', accessScheduleSchema, { ...schedule, weekdays: { mon: Array.from({ length: 5 }, (_, i) => ({ from: `0${i}:00`, to: `0${i}:30` })) } }, 'weekdays.mon'],
    ['30 February', accessScheduleSchema, { ...schedule, dateRanges: [{ from: '2026-02-30', until: '2026-03-01' }] }, 'no such date'],
    ['range backwards', accessScheduleSchema, { ...schedule, dateRanges: [{ from: '2026-03-02', until: '2026-03-01' }] }, 'from is after until'],
    ['public key too short', passKeySchema, { kid: 'k', publicKey: 'AAAA' }, 'publicKey']
  ]
  for (const [name, schema, input, expected] of cases) {
    const parsed = schema.safeParse(input)
    const issues = parsed.success ? 'ok' : parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')
    if (expected === 'ok') t.equal(issues, 'ok', name)
    else t.match(issues, expected, `${name}: ${issues}`)
  }
})
