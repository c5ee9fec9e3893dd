// Waits for a condition instead of sleeping a guessed time: polls until it
// holds, or throws naming what was awaited once the deadline passes.
export async function waitUntil (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`)
    await new Promise(resolve => setTimeout(resolve, everyMs))
  }
}
