// Crash soak: simulated kiosks (device-sim) against the real backend process,
// which is killed with SIGKILL at random (seeded) moments and restarted on
// the same SQLite file and ports. The kiosks reconnect by themselves and
// replay what was not acknowledged from their outbox files. After every kill
// (the process is gone, nothing can change any more) every deposit a kiosk
// got a PUBACK for must be in the store; after the last round the whole store
// is checked. Used by test/e2e/crash-soak.test.ts (short) and `npm run soak`.
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { SimKiosk } from '../../device-sim/index.ts'
import { intBetween, mulberry32, pick } from '../../device-sim/random.ts'
import { ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { waitUntil } from './wait-until.ts'
import { openStore } from '../../services/store/open-database.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { spawnBackend, type BackendProcess } from './backend-process.ts'

export interface SoakOptions {
  /** Work directory: the SQLite file and the kiosks' outbox files. */
  dir: string
  rounds: number
  seed: number
  kiosks?: number
  households?: number
  /** How long the backend runs before each kill, ms (uniform in [min, max]). */
  upMs?: { min: number, max: number }
  /** How long it stays dead, ms. */
  downMs?: { min: number, max: number }
  log?: (line: string) => void
}

export interface SoakReport {
  rounds: number
  seed: number
  visits: Record<string, number>
  depositsQueued: number
  depositsAcked: number
  depositsStored: number
  earnEntries: number
  earnPoints: number
  pointsDisplayed: number
  /** Events the kiosks sent again after a crash (their PUBACK never came). */
  replays: number
  openSessions: number
  expiredPendingCommands: number
  /** Empty when every guarantee held. */
  problems: string[]
}

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

export async function runCrashSoak (opts: SoakOptions): Promise<SoakReport> {
  const log = opts.log ?? (() => {})
  const rng = mulberry32(opts.seed)
  const upMs = opts.upMs ?? { min: 1000, max: 4000 }
  const downMs = opts.downMs ?? { min: 0, max: 400 }
  const dbPath = join(opts.dir, 'kiosk.db')
  const problems: string[] = []

  // the compound: kiosks, households with cards, 1 point per gram of paper so every deposit earns
  const setup = await openStore({ SQLITE_PATH: dbPath })
  const site = await aSite(setup.db, { rateTable: { rates: { paper: { mode: 'per_kg', pointsPerKg: 1000 }, plastic: { mode: 'per_kg', pointsPerKg: 500 } }, dailyCapPoints: 0, maxGramsPerLine: 50_000, maxItemsPerLine: 100, maxPointsPerDeposit: 10_000_000 } })
  const kiosks = await Promise.all(Array.from({ length: opts.kiosks ?? 4 }, () => aKiosk(setup.db, site.id)))
  const cards: string[] = []
  for (let i = 0; i < (opts.households ?? 12); i++) cards.push((await aHouseholdWithCard(setup.db, site.id)).card.uid)
  await setup.close()

  const env = { SQLITE_PATH: dbPath, MQTT_PORT: String(await freePort()), HTTP_PORT: String(await freePort()) }
  let backend: BackendProcess = await spawnBackend(env)

  const errors = new Map<string, number>()
  const queuedDeposits = new Map<string, string>() // eventId → outbox file of its kiosk
  const sims = kiosks.map((k, i) => {
    const outboxPath = join(opts.dir, `outbox-${i}.json`)
    return {
      outboxPath,
      sim: new SimKiosk({
        mqttUrl: backend.mqttUrl,
        deviceId: k.device.id,
        secret: k.secret,
        outboxPath,
        heartbeatS: 0,
        reconnectPeriodMs: 200,
        connectTimeoutMs: 2000,
        openTimeoutMs: 1500,
        displayTimeoutMs: 2000,
        seed: (opts.seed * 31 + i) >>> 0,
        onEvent: e => { if (e.type === 'deposit' && e.eventId != null) queuedDeposits.set(e.eventId, outboxPath) },
        onError: err => { errors.set(err.message.slice(0, 80), (errors.get(err.message.slice(0, 80)) ?? 0) + 1) } // refused while the backend is down: the link retries
      })
    }
  })
  await Promise.all(sims.map(s => s.sim.start()))

  // residents keep coming: one visit at a time per kiosk, random cards and deposits
  const visits: Record<string, number> = {}
  let stopping = false
  const visitLoops = sims.map(async ({ sim }, i) => {
    const visitRng = mulberry32((opts.seed ^ (0x9e3779b9 * (i + 1))) >>> 0)
    while (!stopping) {
      try {
        const result = await sim.visit(pick(visitRng, cards), [{ category: pick(visitRng, ['paper', 'plastic'] as const), grams: intBetween(visitRng, 50, 5000) }], { dwellMs: intBetween(visitRng, 0, 50) })
        visits[result.outcome] = (visits[result.outcome] ?? 0) + 1
        if (result.outcome === 'offline') await sleep(100)
      } catch (err) {
        visits.error = (visits.error ?? 0) + 1
        log(`visit error: ${(err as Error).message}`)
        await sleep(100)
      }
    }
  })

  /** Deposits whose PUBACK reached their kiosk: queued, and no longer in the kiosk's outbox file. */
  const ackedDeposits = (): string[] => {
    const pending = new Set<string>()
    for (const { outboxPath } of sims) {
      if (!existsSync(outboxPath)) continue
      for (const e of JSON.parse(readFileSync(outboxPath, 'utf8')) as Array<{ eventId?: string }>) if (e.eventId != null) pending.add(e.eventId)
    }
    return [...queuedDeposits.keys()].filter(id => !pending.has(id))
  }
  const missingFromStore = async (acked: string[]): Promise<string[]> => {
    const store = await openStore({ SQLITE_PATH: dbPath })
    try {
      const stored = new Set((await store.db.selectFrom('deposits').select('event_id').execute()).map(r => r.event_id))
      return acked.filter(id => !stored.has(id))
    } finally {
      await store.close()
    }
  }

  try {
    for (let round = 1; round <= opts.rounds; round++) {
      const up = intBetween(rng, upMs.min, upMs.max)
      await sleep(up)
      const onlineBefore = sims.filter(s => s.sim.online).length
      await backend.kill()
      const acked = ackedDeposits()
      const missing = await missingFromStore(acked)
      if (missing.length > 0) problems.push(`round ${round}: acknowledged deposits missing after kill -9: ${missing.join(', ')}`)
      log(`round ${round}/${opts.rounds}: killed after ${up} ms; ${acked.length} deposits acked so far, ${missing.length} missing; online before kill: ${onlineBefore}; ${JSON.stringify([...errors])}`)
      errors.clear()
      await sleep(intBetween(rng, downMs.min, downMs.max))
      backend = await spawnBackend(env)
    }

    // wind down on a live backend: no new visits, every kiosk replays and empties its outbox
    stopping = true
    await Promise.all(visitLoops)
    const drained = await Promise.all(sims.map(s => s.sim.waitForDrain(20_000)))
    if (drained.some(d => !d)) problems.push(`outboxes not drained 20 s after the last restart: ${sims.map(s => s.sim.pendingEvents).join(', ')} events left`)
    // late replies: a display still on its way and the kiosk's ack of it. Wait until no command
    // the backend sent is still waiting for its ack (the check below reports any that never is).
    const watch = await openStore({ SQLITE_PATH: dbPath })
    try {
      await waitUntil(async () => (await watch.db.selectFrom('commands').select('cmd_id').where('status', '=', 'pending').where('expires_at_ms', '>', Date.now()).limit(1).execute()).length === 0,
        'every command sent is acknowledged', 20_000).catch(() => {})
    } finally {
      await watch.close()
    }
    await Promise.all(sims.map(s => s.sim.close(3000)))
    await backend.stop()
  } finally {
    stopping = true
    if (backend.child.exitCode == null && backend.child.signalCode == null) await backend.kill()
  }

  const acked = ackedDeposits()
  const store = await openStore({ SQLITE_PATH: dbPath })
  try {
    const { db } = store
    const deposits = await db.selectFrom('deposits').select(['device_id', 'event_id', 'session_id', 'entry_id', 'points_credited', 'outcome']).execute()
    const stored = new Set(deposits.map(d => d.event_id))
    const missing = acked.filter(id => !stored.has(id))
    if (missing.length > 0) problems.push(`acknowledged deposits missing at the end: ${missing.join(', ')}`)

    // none credited twice: one deposit row per event, one earn entry per credited deposit, unique keys
    const perEvent = new Map<string, number>()
    for (const d of deposits) perEvent.set(`${d.device_id}/${d.event_id}`, (perEvent.get(`${d.device_id}/${d.event_id}`) ?? 0) + 1)
    const doubled = [...perEvent].filter(([, n]) => n > 1)
    if (doubled.length > 0) problems.push(`deposits stored twice: ${doubled.map(([k]) => k).join(', ')}`)
    const earn = await db.selectFrom('ledger_entries').select(['id', 'idempotency_key', 'points', 'ref_id']).where('kind', '=', 'earn').execute()
    const credited = deposits.filter(d => d.entry_id != null)
    if (earn.length !== credited.length) problems.push(`${earn.length} earn entries for ${credited.length} credited deposits`)
    if (new Set(earn.map(e => e.idempotency_key)).size !== earn.length) problems.push('earn entries share an idempotency key')
    if (new Set(credited.map(d => d.entry_id)).size !== credited.length) problems.push('two deposits point at one ledger entry')
    const earnIds = new Set(earn.map(e => e.id))
    const dangling = credited.filter(d => !earnIds.has(d.entry_id as string))
    if (dangling.length > 0) problems.push(`deposits credited by a missing entry: ${dangling.map(d => d.event_id).join(', ')}`)

    const violations = await ledgerInvariantViolations(db)
    if (violations.length > 0) problems.push(`ledger invariant violated: ${JSON.stringify(violations)}`)

    // what residents saw on the displays never exceeds what the ledger holds
    const earnPoints = earn.reduce((sum, e) => sum + Number(e.points), 0)
    const pointsDisplayed = sims.reduce((sum, s) => sum + s.sim.stats.pointsCredited, 0)
    if (pointsDisplayed > earnPoints) problems.push(`displays showed ${pointsDisplayed} points, the ledger earned ${earnPoints}`)

    // no stuck state: sessions agree with deposits; no command waits for a device that is connected
    const sessions = await db.selectFrom('kiosk_sessions').select(['id', 'status', 'deposit_event_id']).execute()
    const depositBySession = new Map(deposits.map(d => [d.session_id, d]))
    for (const s of sessions) {
      const d = depositBySession.get(s.id)
      if (s.status === 'deposited' && (d == null || d.event_id !== s.deposit_event_id)) problems.push(`session ${s.id} is deposited but its deposit does not match`)
      if (s.status === 'open' && (d != null || s.deposit_event_id != null)) problems.push(`session ${s.id} is open but has a deposit`)
    }
    const sessionIds = new Set(sessions.map(s => s.id))
    const orphans = deposits.filter(d => !sessionIds.has(d.session_id))
    if (orphans.length > 0) problems.push(`deposits without a session: ${orphans.map(d => d.event_id).join(', ')}`)
    const now = Date.now()
    const pending = await db.selectFrom('commands').select(['cmd_id', 'type', 'expires_at_ms']).where('status', '=', 'pending').execute()
    const stuck = pending.filter(c => Number(c.expires_at_ms) > now)
    if (stuck.length > 0) problems.push(`commands still pending (not expired) after every kiosk reconnected and drained: ${stuck.map(c => `${c.type}:${c.cmd_id}`).join(', ')}`)
    const deadLetters = await db.selectFrom('dead_letters').select(['event_id', 'code']).execute()
    if (deadLetters.length > 0) problems.push(`valid events were dead-lettered: ${deadLetters.map(d => `${d.event_id ?? '-'}:${d.code}`).join(', ')}`)

    return {
      rounds: opts.rounds,
      seed: opts.seed,
      visits,
      depositsQueued: queuedDeposits.size,
      depositsAcked: acked.length,
      depositsStored: deposits.length,
      earnEntries: earn.length,
      earnPoints,
      pointsDisplayed,
      replays: sims.reduce((sum, s) => sum + s.sim.stats.replays, 0),
      openSessions: sessions.filter(s => s.status === 'open').length,
      expiredPendingCommands: pending.length - stuck.length,
      problems
    }
  } finally {
    await store.close()
  }
}
