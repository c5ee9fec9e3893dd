// Waits for a condition by polling it, with a deadline (no fixed sleeps).
export async function waitUntil (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`)
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}
