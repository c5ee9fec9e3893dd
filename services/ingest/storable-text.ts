// What a device sent, made storable in any text column of either store.
// PostgreSQL's text refuses U+0000 and invalid UTF-8; SQLite would keep them.
// A dead letter must store any byte sequence the same way on both, or the
// device that sent it is blocked forever (no PUBACK, the same resend).

/** Text with U+0000 written as the escape `\u0000`, cut to `max` characters. */
export function storableText (text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0000/g, '\\u0000').slice(0, max)
}

export type PayloadEncoding = 'utf8' | 'base64'

/** The payload as UTF-8 text when it is that (without U+0000), else base64. */
export function storablePayload (payload: Buffer, maxBytes: number): { text: string, encoding: PayloadEncoding } {
  const kept = payload.subarray(0, maxBytes)
  const text = kept.toString('utf8')
  if (!text.includes('\u0000') && Buffer.byteLength(text) === kept.length && Buffer.from(text, 'utf8').equals(kept)) return { text, encoding: 'utf8' }
  return { text: kept.toString('base64'), encoding: 'base64' }
}
