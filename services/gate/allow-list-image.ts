// The allow-list as a gate stores it in flash and receives it in an
// allow-list-full command (base64url). Binary, because 6,000 cards as JSON
// objects take ~270 KB (measured in the test); here each card is 9 bytes.
// Layout (docs/gate.md), integers big-endian:
//   "GAL1"            4 bytes  magic and format version
//   version           u32
//   header length H   u32
//   header            H bytes  UTF-8 JSON: siteId, timeZone, holidays, schedules, passKeys, revokedPasses
//   entry count N     u32
//   entries           N × 9    8-byte card hash, u8 schedule index (0 = no limit); ascending by hash
import { allowListSchema, type AllowList, type AllowListEntry } from '../../schemas/gate.ts'
import { AllowListError } from './allow-list.ts'

const MAGIC = Buffer.from('GAL1', 'ascii')
const ENTRY_BYTES = 9

export function encodeAllowList (list: AllowList): Buffer {
  const { siteId, timeZone, holidays, schedules, passKeys, revokedPasses } = list
  const header = Buffer.from(JSON.stringify({ siteId, timeZone, holidays, schedules, passKeys, revokedPasses }), 'utf8')
  const out = Buffer.alloc(4 + 4 + 4 + header.length + 4 + list.entries.length * ENTRY_BYTES)
  let at = MAGIC.copy(out, 0)
  at = out.writeUInt32BE(list.version, at)
  at = out.writeUInt32BE(header.length, at)
  at += header.copy(out, at)
  at = out.writeUInt32BE(list.entries.length, at)
  for (const e of list.entries) {
    at += Buffer.from(e.cardHash, 'hex').copy(out, at)
    at = out.writeUInt8(e.schedule, at)
  }
  return out
}

/** Reads an image back; throws AllowListError on anything that is not a well-formed image. */
export function decodeAllowList (image: Buffer): AllowList {
  const need = (bytes: number, at: number, what: string) => {
    if (at + bytes > image.length) throw new AllowListError(`allow-list image truncated in ${what}`)
  }
  need(12, 0, 'the fixed header')
  if (!image.subarray(0, 4).equals(MAGIC)) throw new AllowListError('not an allow-list image (magic is not GAL1)')
  const version = image.readUInt32BE(4)
  const headerLength = image.readUInt32BE(8)
  need(headerLength + 4, 12, 'the JSON header')
  let header: unknown
  try {
    header = JSON.parse(image.subarray(12, 12 + headerLength).toString('utf8'))
  } catch {
    throw new AllowListError('allow-list image header is not JSON')
  }
  let at = 12 + headerLength
  const count = image.readUInt32BE(at)
  at += 4
  if (image.length !== at + count * ENTRY_BYTES) throw new AllowListError(`allow-list image holds ${image.length - at} entry bytes, expected ${count} × ${ENTRY_BYTES}`)
  const entries: AllowListEntry[] = []
  for (let i = 0; i < count; i++, at += ENTRY_BYTES) {
    const cardHash = image.subarray(at, at + 8).toString('hex')
    // gates binary-search the entries: order is part of the format
    if (i > 0 && cardHash <= (entries[i - 1]?.cardHash ?? '')) throw new AllowListError(`allow-list image entries not in ascending order at entry ${i}`)
    entries.push({ cardHash, schedule: image.readUInt8(at + 8) })
  }
  const parsed = allowListSchema.safeParse({ ...(header as object), version, entries })
  if (!parsed.success) throw new AllowListError(`allow-list image does not hold a valid list: ${parsed.error.issues[0]?.message}`)
  return parsed.data
}
