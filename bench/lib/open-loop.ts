// Open-loop sender: `send(seq, scheduledAt)` is called at a fixed rate from a
// 1 ms timer, catching up on every tick, for `durationMs` (bounded in count:
// rate × duration). Replies never gate sends.
export function openLoop (ratePerS: number, durationMs: number, send: (seq: number, scheduledAt: number) => void): { startedAt: number, done: Promise<number> } {
  const startedAt = performance.now()
  const total = Math.floor((ratePerS * durationMs) / 1000)
  let seq = 0
  const done = new Promise<number>(resolve => {
    const tick = () => {
      const elapsed = performance.now() - startedAt
      const due = Math.min(total, Math.floor((elapsed * ratePerS) / 1000))
      while (seq < due) {
        send(seq, startedAt + (seq * 1000) / ratePerS)
        seq++
      }
      if (seq >= total) resolve(seq)
      else setTimeout(tick, 1)
    }
    tick()
  })
  return { startedAt, done }
}
