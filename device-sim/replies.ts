// Waiting for the backend's answer to one event (open/deny to a swipe,
// display or error to a deposit), keyed by the event's id, with a timeout.

export class ReplyWaiters<T> {
  readonly #waiting = new Map<string, (value: T | undefined) => void>()

  /** Resolves with the reply, or undefined after `timeoutMs`. */
  wait (key: string, timeoutMs: number): Promise<T | undefined> {
    return new Promise(resolve => {
      const timer = setTimeout(() => finish(undefined), timeoutMs)
      const finish = (value: T | undefined) => {
        clearTimeout(timer)
        this.#waiting.delete(key)
        resolve(value)
      }
      this.#waiting.set(key, finish)
    })
  }

  has (key: string): boolean { return this.#waiting.has(key) }

  /** Hands a reply to its waiter; false when nobody waits for it (late or unknown). */
  resolve (key: string, value: T): boolean {
    const finish = this.#waiting.get(key)
    if (finish == null) return false
    finish(value)
    return true
  }

  /** Gives up on every wait (shutdown). */
  cancelAll (): void {
    for (const finish of [...this.#waiting.values()]) finish(undefined)
  }
}
