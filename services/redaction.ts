// What never reaches the logs or the audit log in clear: ONE list of field
// names, used by the pino redact configuration (services/logger.ts) and by the
// audit log's body summary (services/audit/audit-log.ts). A card number is
// masked to its last 4 characters, so support can match "card ending 1234"
// with the card in the resident's hand; a secret is replaced entirely
// (docs/security.md, "Logs and the audit log").

/** Fields holding a points card number (uid printed on the card, or a QR token). */
export const cardFields = ['uid', 'cardUid', 'card_uid', 'card'] as const

/** Fields holding secrets: device secrets, staff tokens, passwords, auth headers, and their hashes. */
export const secretFields = [
  'secret', 'newSecret', 'secretHash', 'secret_hash',
  'token', 'accessToken', 'refreshToken', 'apiToken', 'tokenHash', 'token_hash',
  'password', 'passwd', 'newPassword', 'pin',
  'authorization', 'cookie', 'credential', 'credentials', 'privateKey'
] as const

export const REDACTED = '[redacted]'

const byName = new Map<string, 'card' | 'secret'>([
  ...cardFields.map(f => [f.toLowerCase(), 'card'] as const),
  ...secretFields.map(f => [f.toLowerCase(), 'secret'] as const)
])

/** 'card', 'secret', or undefined for a field that may be shown (names compare case-insensitively). */
export function sensitivity (field: string | symbol | number): 'card' | 'secret' | undefined {
  return typeof field === 'string' ? byName.get(field.toLowerCase()) : undefined
}

/** "****1234": the last 4 characters of a card number of 8 or more; shorter ones show nothing. */
export function maskCard (uid: string): string {
  return uid.length >= 8 ? `****${uid.slice(-4)}` : '****'
}

/** The value a sensitive field shows instead of its own (a card row logged whole keeps its other fields). */
export function redactedValue (field: string | symbol | number, value: unknown): unknown {
  const kind = sensitivity(field)
  if (kind == null) return value
  if (kind === 'secret' || value == null) return kind === 'secret' ? REDACTED : value
  if (typeof value === 'string' || typeof value === 'number') return maskCard(String(value))
  if (typeof value === 'object' && !Array.isArray(value)) return redactFields(value as Record<string, unknown>)
  return REDACTED
}

/** A shallow copy with every sensitive field of `record` redacted. */
export function redactFields (record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, redactedValue(k, v)]))
}

/**
 * pino redact paths for every listed field at the top level and two levels
 * down (`{ uid }`, `{ card: { uid } }`, `{ req: { headers: { authorization } } }`).
 */
export function redactPaths (): string[] {
  return [...byName.keys(), ...cardFields, ...secretFields]
    .filter((f, i, all) => all.indexOf(f) === i)
    .flatMap(f => [f, `*.${f}`, `*.*.${f}`])
}

/** pino's censor: called with the value and its path, the last element of which is the field name. */
export function censor (value: unknown, path: Array<string | symbol | number>): unknown {
  return redactedValue(path[path.length - 1] ?? '', value)
}

/**
 * A request URL as it may be logged: path segments that carry a card number
 * (a route parameter named like a card field, or whatever follows `/cards/`,
 * so an unmatched URL is covered too) are masked, and so are sensitive query
 * parameters.
 */
export function redactUrl (url: string, params: unknown = {}): string {
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  const cardValues = new Set(Object.entries(params as Record<string, unknown>)
    .filter(([k, v]) => sensitivity(k) === 'card' && typeof v === 'string').map(([, v]) => v as string))
  const segments = path.split('/')
  const safePath = segments.map((segment, i) => {
    const value = decoded(segment)
    return cardValues.has(value) || (i > 0 && segments[i - 1] === 'cards' && segment !== '') ? maskCard(value) : segment
  }).join('/')
  if (q < 0) return safePath
  const query = new URLSearchParams(url.slice(q + 1))
  let changed = false
  for (const [k, v] of [...query]) {
    const shown = redactedValue(k, v)
    if (shown !== v) { query.set(k, String(shown)); changed = true }
  }
  return `${safePath}?${changed ? query.toString() : url.slice(q + 1)}`
}

function decoded (segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
