// The kiosk's offline buffer. Every QoS 1 event goes through it: appended in
// order, sent one at a time, and removed only once its PUBACK arrived. While
// the link is down events pile up here and are replayed afterwards, byte for
// byte (same eventId, same ts). With a file path the buffer is rewritten
// (write + rename) on every change, so it survives a simulator restart.
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { z } from 'zod'

const entrySchema = z.object({
  /** Local identity of this entry (a replayed eventId may be queued twice). */
  key: z.string(),
  /** The payload's eventId, when it has one. */
  eventId: z.string().optional(),
  topic: z.string(),
  /** The exact bytes to publish (a replay sends the same bytes). */
  payload: z.string(),
  /** How many publishes of this entry were started; above 1 means a resend. */
  attempts: z.number().int().min(0)
})
export type OutboxEntry = z.infer<typeof entrySchema>

/** Sends one entry; true once PUBACK arrived, false if the link went away first. */
export type SendEntry = (entry: OutboxEntry) => Promise<boolean>

export interface OutboxOptions {
  /** JSON file that keeps the buffer across restarts; memory only when absent. */
  path?: string
}

export class Outbox {
  readonly #path: string | undefined
  readonly #entries: OutboxEntry[]
  readonly #acked = new Map<string, () => void>()
  #draining = false

  constructor (opts: OutboxOptions = {}) {
    this.#path = opts.path
    this.#entries = this.#path != null && existsSync(this.#path)
      ? z.array(entrySchema).parse(JSON.parse(readFileSync(this.#path, 'utf8')))
      : []
  }

  get size (): number { return this.#entries.length }

  /** A copy of what is waiting, oldest first. */
  entries (): OutboxEntry[] { return this.#entries.map(e => ({ ...e })) }

  /** Appends an event; the promise resolves when its PUBACK arrived (this process only). */
  add (entry: { topic: string, payload: string, eventId?: string }): Promise<void> {
    const key = randomUUID()
    this.#entries.push({ key, ...entry, attempts: 0 })
    this.#persist()
    return new Promise(resolve => this.#acked.set(key, resolve))
  }

  /**
   * Sends entries oldest first, one at a time, until the buffer is empty, the
   * link is not `ready`, or a send fails (the entry stays at the head). Concurrent
   * calls return at once: one drain runs at a time, which keeps the order.
   */
  async drain (send: SendEntry, ready: () => boolean = () => true): Promise<void> {
    if (this.#draining) return
    this.#draining = true
    try {
      for (let head = this.#entries[0]; head != null && ready(); head = this.#entries[0]) {
        head.attempts++
        this.#persist()
        if (!(await send(head))) return
        this.#entries.shift()
        this.#persist()
        this.#acked.get(head.key)?.()
        this.#acked.delete(head.key)
      }
    } finally {
      this.#draining = false
    }
  }

  #persist (): void {
    if (this.#path == null) return
    const tmp = `${this.#path}.tmp`
    writeFileSync(tmp, JSON.stringify(this.#entries))
    renameSync(tmp, this.#path)
  }
}
