// The gate figures' load: gates written from docs/protocol.md's gate section.
// Each gate acks every command, keeps the time, the salt and its allow-list
// version (a full list replaces it; a delta applies only on its base version,
// else it is refused and the backend sends the full list), and counts the
// bytes it receives. On request it: connects the whole slice at once and
// reports when every gate holds the list (`sync`); reports when each gate
// holds a list without a given card (`watch`); or sends access requests open
// loop at a fixed rate and measures request → gate-open (`swipes`).
import { createHmac } from 'node:crypto'
import { childOptions, onParent, sleep, toParent, watchdog } from '../lib/child.ts'
import { connectMany } from '../lib/connect-many.ts'
import { deviceId, deviceSecret, indices, type Fleet } from '../lib/fleet.ts'
import type { RawClient } from '../lib/mqtt-wire.ts'
import { openLoop } from '../lib/open-loop.ts'
import { latencySummary, unanswered } from '../lib/stats.ts'
import { gateCardUid } from '../setup/provision.ts'

const opts = childOptions<{ port: number, fleet: Fleet, cards: number, maxMs: number }>()
watchdog(opts.maxMs)
const { fleet } = opts

interface GateState { id: string, client?: RawClient, salt?: Buffer, timeSynced: boolean, configured: boolean, version: number, syncedAt: number | null, bytes: number }
const gates: GateState[] = indices(fleet).map(i => ({ id: deviceId(fleet, i), timeSynced: false, configured: false, version: 0, syncedAt: null, bytes: 0 }))

let ackSeq = 0
let onGateOpen: (requestEventId: string, type: string) => void = () => {}
/** The card whose removal the `watch` request waits for, and when each gate held a list without it. */
let watched: { uid: string, seenAt: Map<string, number> } | null = null

const cardHash = (salt: Buffer, uid: string) => createHmac('sha256', salt).update(uid, 'utf8').digest().subarray(0, 8).toString('hex')

function ack (g: GateState, cmdId: string, ok: boolean, error?: string): void {
  g.client?.publish(`devices/${g.id}/events/command-ack`, JSON.stringify({ eventId: `ack-${process.pid}-${++ackSeq}`, ts: Date.now(), cmdId, ok, ...(error != null ? { error } : {}) }), 1)
}

/** Whether the list image (docs/protocol.md: GAL1, version, header, N entries of 8-byte hash + 1-byte schedule, sorted) holds `hash`. */
function listHolds (image: Buffer, hash: string): boolean {
  const headerLength = image.readUInt32BE(8)
  const count = image.readUInt32BE(12 + headerLength)
  const entries = 16 + headerLength
  const wanted = Buffer.from(hash, 'hex')
  let lo = 0
  let hi = count - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const c = image.subarray(entries + 9 * mid, entries + 9 * mid + 8).compare(wanted)
    if (c === 0) return true
    if (c < 0) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

interface Cmd { cmdId?: string, type: string, version?: number, image?: string, cardHashSalt?: string, requestEventId?: string, delta?: { baseVersion: number, version: number, removed: string[], changed: Array<{ cardHash: string }> } }

function onCommand (g: GateState, topic: string, payload: Buffer): void {
  g.bytes += payload.length + topic.length
  if (!topic.endsWith('/commands')) return
  const cmd = JSON.parse(payload.toString()) as Cmd
  let ok = true
  let error: string | undefined
  switch (cmd.type) {
    case 'time-sync': g.timeSynced = true; break
    case 'gate-config': g.configured = true; g.salt = Buffer.from(cmd.cardHashSalt ?? '', 'hex'); break
    case 'allow-list-full': {
      g.version = cmd.version ?? 0
      // a gate whose delta was refused (it was a version behind) gets the full list instead: it holds the change when the card is not in it
      if (watched != null && g.salt != null && !listHolds(Buffer.from(cmd.image ?? '', 'base64url'), cardHash(g.salt, watched.uid))) watched.seenAt.set(g.id, Date.now())
      break
    }
    case 'allow-list-delta': {
      const delta = cmd.delta!
      if (delta.baseVersion !== g.version) { ok = false; error = `holding version ${g.version}, not ${delta.baseVersion}`; break }
      g.version = delta.version
      if (watched != null && g.salt != null) {
        const hash = cardHash(g.salt, watched.uid)
        if (delta.removed.includes(hash) || delta.changed.some(c => c.cardHash === hash)) watched.seenAt.set(g.id, Date.now())
      }
      break
    }
    case 'gate-open': case 'gate-deny': onGateOpen(cmd.requestEventId ?? '', cmd.type); break
  }
  if (g.syncedAt == null && g.timeSynced && g.configured && g.version > 0) g.syncedAt = Date.now()
  if (cmd.cmdId != null) ack(g, cmd.cmdId, ok, error)
}

async function waitFor (condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition() && Date.now() < deadline) await sleep(10)
}

onParent(async message => {
  if (message.type === 'sync') {
    // every gate at once, as after a restart or a power cut: connect, subscribe, take the list
    const { ratePerS, concurrency } = message as unknown as { ratePerS: number, concurrency: number }
    const goAt = Date.now()
    const byId = new Map(gates.map(g => [g.id, g]))
    const conn = await connectMany(gates.map((g, k) => ({ id: g.id, secret: deviceSecret(fleet, fleet.from + k) })), {
      port: opts.port, ratePerS, concurrency, deadlineMs: opts.maxMs / 2,
      subscribe: id => `devices/${id}/+`,
      onConnected: (c, login) => {
        const g = byId.get(login.id)!
        g.client = c
        c.onMessage = (topic, payload) => onCommand(g, topic, payload)
      }
    })
    await waitFor(() => gates.every(g => g.syncedAt != null), opts.maxMs / 2)
    const synced = gates.filter(g => g.syncedAt != null)
    toParent({
      type: 'synced', gates: gates.length, connected: conn.clients.length, failed: conn.failed, lastError: conn.lastError,
      synced: synced.length, ms: Math.max(0, ...synced.map(g => (g.syncedAt as number) - goAt)),
      bytes: gates.reduce((sum, g) => sum + g.bytes, 0)
    })
  } else if (message.type === 'watch') {
    watched = { uid: String(message.card), seenAt: new Map() }
    toParent({ type: 'watching' })
    const w = watched
    await waitFor(() => w.seenAt.size === gates.filter(g => g.client?.connected === true).length, Number(message.timeoutMs))
    watched = null
    toParent({ type: 'watched', seenAt: [...w.seenAt.values()], gates: gates.length })
  } else if (message.type === 'swipes') {
    const { ratePerS, durationMs, warmupMs } = message as unknown as { ratePerS: number, durationMs: number, warmupMs: number }
    const scheduledAt = new Map<string, number>()
    const latencies: number[] = []
    let measuredFrom = Infinity
    let denied = 0
    onGateOpen = (requestEventId, type) => {
      const at = scheduledAt.get(requestEventId)
      if (at == null) return
      scheduledAt.delete(requestEventId)
      if (type !== 'gate-open') { denied++; return }
      if (at >= measuredFrom) latencies.push(performance.now() - at)
    }
    const online = gates.filter(g => g.client != null)
    const run = openLoop(ratePerS, durationMs, (seq, at) => {
      const g = online[seq % online.length]!
      const eventId = `r${process.pid}-${seq}`
      scheduledAt.set(eventId, at)
      g.client!.publish(`devices/${g.id}/events/access-request`, JSON.stringify({ eventId, ts: Date.now(), credential: { kind: 'card', card: gateCardUid(seq % opts.cards) }, reader: 0, direction: 'in' }), 1)
    })
    measuredFrom = run.startedAt + warmupMs
    const sent = await run.done
    await sleep(1500)
    const lost = unanswered(scheduledAt, measuredFrom, latencies)
    toParent({ type: 'result', sent, lost, denied, ...latencySummary(latencies) })
  } else if (message.type === 'stop') {
    for (const g of gates) g.client?.end()
    process.exit(0)
  }
})
toParent({ type: 'ready' })
