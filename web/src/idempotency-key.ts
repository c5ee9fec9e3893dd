// A fresh Idempotency-Key for one redemption. crypto.randomUUID exists only in
// secure contexts (HTTPS or loopback); counters often reach the backend over
// plain HTTP on the compound's network, so use getRandomValues, which works everywhere.
export function newIdempotencyKey (): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return 'web-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')
}
