// Device payloads for every schema, valid to start with, then mutated: fields
// dropped, wrong types, huge numbers, odd unicode, deep nesting, long strings,
// and byte-level damage to the JSON text. The schema decides afterwards whether
// the result is still valid; the fuzz test checks the backend agrees.
import { eventSchemas, statusSchema } from '../../../schemas/device-events.ts'
import { categories } from '../../../schemas/common.ts'
import { MAX_EVENT_PAYLOAD_BYTES } from '../../../services/ingest/device-event-processor.ts'
import type { Prng } from './prng.ts'

export const payloadKinds = ['swipe', 'door', 'deposit', 'command-ack', 'status'] as const
export type PayloadKind = (typeof payloadKinds)[number]

export interface FuzzContext { card: string, sessionIds: string[], cmdIds: string[], nextEventId: () => string }

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function validBase (kind: PayloadKind, rng: Prng, ctx: FuzzContext): Record<string, Json> {
  const base = { eventId: ctx.nextEventId(), ts: Date.now() - rng.int(86_400_000) }
  const session = ctx.sessionIds.length > 0 ? rng.pick(ctx.sessionIds) : 'ses_none'
  switch (kind) {
    case 'swipe': return { ...base, card: rng.chance(0.5) ? ctx.card : `CARD${rng.int(1e6)}`, method: rng.pick(['card', 'qr']) }
    case 'door': return { ...base, sessionId: session, state: rng.pick(['opened', 'closed']) }
    case 'deposit': return { ...base, sessionId: session, lines: [{ category: rng.pick(categories), grams: rng.int(5000) }] }
    case 'command-ack': return { ...base, cmdId: ctx.cmdIds.length > 0 ? rng.pick(ctx.cmdIds) : 'cmd_none', ok: rng.chance(0.8) }
    case 'status': return { online: true, firmware: '1.2.3', uptimeS: rng.int(1e6), rssiDbm: -rng.int(100), bins: [{ category: rng.pick(categories), fillPct: rng.int(100) }] }
  }
}

const oddStrings = ['', ' ', '\u0000', '\ud800', '😀'.repeat(20), '\u202eevil', 'ﬀ\u200b\u200d', 'a'.repeat(70), '../../etc', '%s%n', '"quoted"', '\\', 'null']
const oddNumbers = [0, -1, 1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 0.5, 1e-308, 4_294_967_296, 8_640_000_000_001]

function oddValue (rng: Prng): Json {
  switch (rng.int(8)) {
    case 0: return rng.pick(oddStrings)
    case 1: return rng.pick(oddNumbers)
    case 2: return null
    case 3: return rng.chance(0.5)
    case 4: return []
    case 5: return { nested: rng.pick(oddStrings) }
    case 6: return 'x'.repeat(rng.pick([65, 201, 5000, 30_000]))
    default: return nest(rng.pick([10, 200, 2000]))
  }
}

function nest (depth: number): Json {
  let value: Json = 1
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

/** A value somewhere inside `obj` (objects and arrays), with the holder and key to change it. */
function somePlace (rng: Prng, obj: Record<string, Json>): { holder: Record<string, Json> | Json[], key: string | number } | null {
  let holder: Record<string, Json> | Json[] = obj
  for (let depth = 0; depth < 3; depth++) {
    const keys: Array<string | number> = Array.isArray(holder) ? holder.map((_, i) => i) : Object.keys(holder)
    if (keys.length === 0) return null
    const key = rng.pick(keys)
    const value: Json | undefined = Array.isArray(holder) ? holder[key as number] : holder[key as string]
    if (value != null && typeof value === 'object' && rng.chance(0.5)) { holder = value; continue }
    return { holder, key }
  }
  return null
}

function mutateValue (rng: Prng, obj: Record<string, Json>): void {
  const place = somePlace(rng, obj)
  if (place == null) return
  const { holder, key } = place
  const set = (v: Json) => { if (Array.isArray(holder)) holder[key as number] = v; else holder[key as string] = v }
  switch (rng.int(4)) {
    case 0: if (Array.isArray(holder)) holder.splice(key as number, 1); else delete holder[key as string]; break
    case 1: set(oddValue(rng)); break
    case 2: if (!Array.isArray(holder)) holder[`extra${rng.int(100)}`] = oddValue(rng); break
    default: { const current = Array.isArray(holder) ? holder[key as number] : holder[key as string]; set(typeof current === 'number' ? String(current) : typeof current === 'string' ? Number(current.length) : [current ?? null]) }
  }
}

function mutateText (rng: Prng, text: string): string {
  switch (rng.int(5)) {
    case 0: return text.slice(0, rng.int(text.length))
    case 1: { const i = rng.int(text.length); return text.slice(0, i) + String.fromCharCode(rng.int(256)) + text.slice(i + 1) }
    case 2: return text.replace(/\d+/, '1e999')
    case 3: return `${'['.repeat(rng.pick([100, 10_000]))}${text}`
    default: return text + rng.pick([',', '}', '\u0000', '\ufeff'])
  }
}

export interface FuzzPayload { kind: PayloadKind, payload: Buffer, valid: boolean, description: string }

/** One payload for `kind`: valid, or mutated a few times (about 1 in 8 left valid). */
export function fuzzPayload (kind: PayloadKind, rng: Prng, ctx: FuzzContext): FuzzPayload {
  const obj = validBase(kind, rng, ctx)
  const mutations = rng.chance(0.125) ? 0 : 1 + rng.int(3)
  for (let i = 0; i < mutations; i++) mutateValue(rng, obj)
  let text = JSON.stringify(obj)
  const textDamage = mutations > 0 && rng.chance(0.2)
  if (textDamage) text = mutateText(rng, text)
  const payload = Buffer.from(text, 'utf8')
  return { kind, payload, valid: isValid(kind, payload), description: `${kind}: ${mutations} value mutation(s)${textDamage ? ' + text damage' : ''}` }
}

/** What the backend should make of it: schema-valid (its outcome may still be a semantic refusal) or not. */
export function isValid (kind: PayloadKind, payload: Buffer): boolean {
  if (payload.length > MAX_EVENT_PAYLOAD_BYTES) return false
  let body: unknown
  try { body = JSON.parse(payload.toString('utf8')) } catch { return false }
  const schema = kind === 'status' ? statusSchema : eventSchemas[kind]
  return schema.safeParse(body).success
}
