// The mixed figure's counter side: `clients` staff members at their tills,
// each redeeming 1 point in cash for one household after another, back to
// back, over keep-alive HTTP. Counts answers by status class and measures
// each request's latency inside the measurement window.
import { childOptions, onParent, sleep, toParent, watchdog } from '../lib/child.ts'

const opts = childOptions<{ httpUrl: string, tokens: string[], householdIds: string[], maxMs: number }>()
watchdog(opts.maxMs)

onParent(async message => {
  if (message.type === 'go') {
    const { durationMs, warmupMs } = message as unknown as { durationMs: number, warmupMs: number }
    const t0 = performance.now()
    const deadline = t0 + durationMs
    const windowStart = t0 + warmupMs
    const counts = { requests: 0, ok: 0, client4xx: 0, server5xx: 0, failed: 0 }
    const latencyMs: number[] = []
    const firstServerErrors: string[] = []
    const till = async (token: string, c: number) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const householdId = opts.householdIds[(c * 7919 + n) % opts.householdIds.length] as string
        const started = performance.now()
        try {
          const res = await fetch(`${opts.httpUrl}/api/redemptions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `mixed-${process.pid}-${c}-${n}` },
            body: JSON.stringify({ householdId, kind: 'cash', points: 1 })
          })
          const body = await res.text()
          counts.requests++
          if (res.status >= 500) { counts.server5xx++; if (firstServerErrors.length < 3) firstServerErrors.push(`${res.status} ${body.slice(0, 200)}`) } else if (res.status >= 400) counts.client4xx++
          else counts.ok++
        } catch {
          counts.failed++
        }
        const ended = performance.now()
        if (started >= windowStart && ended < deadline) latencyMs.push(ended - started)
      }
    }
    await Promise.all(opts.tokens.map((token, c) => till(token, c)))
    await sleep(0)
    latencyMs.sort((a, b) => a - b)
    toParent({
      type: 'result', ...counts, firstServerErrors,
      p50Ms: latencyMs[Math.floor(latencyMs.length / 2)] ?? NaN, p99Ms: latencyMs[Math.floor(latencyMs.length * 0.99)] ?? NaN
    })
  } else if (message.type === 'stop') {
    process.exit(0)
  }
})
toParent({ type: 'ready' })
