// Waiting for a condition instead of sleeping: poll `check` until it returns
// something other than false/undefined/null, or fail with what was awaited
// once the deadline passes. The deadline is a safety net that fails the
// test; it is never the thing the test measures.
export async function until<T> (what: string, check: () => T | false | null | undefined | Promise<T | false | null | undefined>, timeoutMs = 15_000, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== false && value != null) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`)
    await new Promise(resolve => setTimeout(resolve, everyMs))
  }
}
