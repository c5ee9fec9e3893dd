// Settings of one bench run: quick (CI smoke) or full, from argv.
export interface Params {
  forward: { publishers: number, window: number, payloadBytes: number, durationMs: number, warmupMs: number, maxMessages: number }
  deposits: { kiosks: number, durationMs: number, warmupMs: number, maxVisits: number }
  latency: { ratePerS: number, connections: number, kiosks: number, durationMs: number, warmupMs: number }
  /** holdMs: how long after the last connect RSS is read; full mode waits until every device has sent a heartbeat. */
  idle: { devices: number, heartbeatS: number, holdMs: number, connectRatePerS: number }
  /** Devices with distinct secrets connecting at once; concurrency: CONNACKs outstanding at most, over all generators. */
  reconnect: { devices: number, concurrency: number }
  /** window: unacknowledged publishes per kiosk (its outbox holds the rest). */
  overload: { kiosks: number, window: number, calibrateMs: number, overloadMs: number, afterMs: number }
  /** Kiosks doing visits while `redeemers` counter clients redeem over HTTP (bench/figures/mixed.ts). */
  mixed: { kiosks: number, redeemers: number, durationMs: number, warmupMs: number }
  /** Gate figures (bench/figures/gates.ts): access requests at `ratePerS` over `swipeGates`; `syncGates` connecting at once; `blocks` cards blocked one after another. */
  gates: { ratePerS: number, swipeGates: number, durationMs: number, warmupMs: number, syncGates: number, households: number, blocks: number }
  /** Charging figure (bench/figures/charging.ts): `piles` sessions beside `kiosks` visiting every ~kioskPauseMs; three CPU windows of windowMs; stops spread over stopSpreadMs. */
  charging: { piles: number, kiosks: number, kioskPauseMs: number, windowMs: number, stopSpreadMs: number }
}

export interface RunContext {
  quick: boolean
  rounds: number
  only: Set<string> | null
  tmp: string
  fileLimit: number
  profileDir: string | null
  params: Params
  /** Prefixes and secret seed of the provisioned fleet (see setup/provision.ts, lib/fleet.ts). */
  fleet: { prefix: string, cardPrefix: string, secretSeed: string, count: number }
  /** The gate site's gates (same naming and secrets as the fleet) and how many cards its allow-list holds. */
  gateFleet: { prefix: string, cardPrefix: string, secretSeed: string, count: number, cards: number }
  /** The charging site's piles (same naming and secrets as the fleet). */
  pileFleet: { prefix: string, cardPrefix: string, secretSeed: string, count: number }
  /** The pepper file the fleet's hashes were made with; every backend of the run reads it. */
  pepperFile: string
  template: string
}

export interface Args { quick: boolean, rounds: number | null, only: Set<string> | null, profile: boolean, write: boolean }

export function parseArgs (argv: string[]): Args {
  const args: Args = { quick: false, rounds: null, only: null, profile: false, write: true }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--quick') args.quick = true
    else if (a === '--profile') args.profile = true
    else if (a === '--no-write') args.write = false
    else if (a === '--rounds') args.rounds = Number(argv[++i])
    else if (a === '--only') args.only = new Set((argv[++i] ?? '').split(','))
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--quick] [--rounds N] [--only deposits,latency,idle,coldstart,telemetry,reconnect,overload,mixed,gates,charging,reports,web] [--profile] [--no-write]')
      process.exit(0)
    } else throw new Error(`unknown argument ${String(a)}`)
  }
  if (args.rounds != null && !(Number.isInteger(args.rounds) && args.rounds >= 1)) throw new Error('--rounds takes a whole number ≥ 1')
  return args
}

export function paramsFor (quick: boolean, fileLimit: number): Params {
  if (quick) {
    return {
      forward: { publishers: 10, window: 5, payloadBytes: 160, durationMs: 1000, warmupMs: 300, maxMessages: 100_000 },
      deposits: { kiosks: 20, durationMs: 1000, warmupMs: 300, maxVisits: 50_000 },
      latency: { ratePerS: 200, connections: 10, kiosks: 10, durationMs: 1000, warmupMs: 200 },
      idle: { devices: 200, heartbeatS: 30, holdMs: 500, connectRatePerS: 1000 },
      reconnect: { devices: 500, concurrency: 400 },
      overload: { kiosks: 20, window: 100, calibrateMs: 2000, overloadMs: 2000, afterMs: 1000 },
      mixed: { kiosks: 20, redeemers: 20, durationMs: 2000, warmupMs: 500 },
      gates: { ratePerS: 200, swipeGates: 10, durationMs: 1000, warmupMs: 200, syncGates: 50, households: 300, blocks: 1 },
      charging: { piles: 20, kiosks: 20, kioskPauseMs: 1000, windowMs: 2000, stopSpreadMs: 500 }
    }
  }
  return {
    forward: { publishers: 100, window: 10, payloadBytes: 160, durationMs: 8000, warmupMs: 2000, maxMessages: 2_000_000 },
    deposits: { kiosks: 1000, durationMs: 10_000, warmupMs: 3000, maxVisits: 1_000_000 },
    latency: { ratePerS: 2000, connections: 100, kiosks: 200, durationMs: 10_000, warmupMs: 2000 },
    // room for the server's own descriptors (SQLite, listeners, stdio) under the limit
    idle: { devices: Math.max(100, Math.min(19_500, fileLimit - 400)), heartbeatS: 30, holdMs: 5000, connectRatePerS: 2000 },
    reconnect: { devices: Math.max(100, Math.min(19_500, fileLimit - 400)), concurrency: 400 },
    overload: { kiosks: 100, window: 100, calibrateMs: 5000, overloadMs: 60_000, afterMs: 10_000 },
    mixed: { kiosks: 1000, redeemers: 20, durationMs: 20_000, warmupMs: 3000 },
    gates: { ratePerS: 2000, swipeGates: 200, durationMs: 10_000, warmupMs: 2000, syncGates: 1000, households: 3000, blocks: 3 },
    charging: { piles: 1000, kiosks: 1000, kioskPauseMs: 30_000, windowMs: 30_000, stopSpreadMs: 5000 }
  }
}
