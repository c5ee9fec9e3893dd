// Command-line options of `npm run sim`, parsed with node:util and checked
// with zod. Pure, so it can be tested without running anything.
import { parseArgs } from 'node:util'
import { z } from 'zod'

export const usage = `Kiosk, gate and charging pile fleet simulator

Usage: npm run sim -- [options]

Fleet (one of):
  --fleet <path.json>   use a fleet written by an earlier run or the demo; with --token and
                        a missing file, provision a fleet and write it there
  --token <token>       admin staff token: provision a site, kiosks and households over HTTP
  --http <url>          HTTP API (default http://127.0.0.1:3000)
  --mqtt <url>          broker (default: the fleet file's, else mqtt://127.0.0.1:1883)
  --kiosks <n>          kiosks to provision, or to use from the fleet file (default 5 / all)
  --residents <n>       households with a card, likewise (default 50 / all)
  --gates <n>           access gates to provision, or to use from the fleet file (default 0 / all)

Load:
  --minutes <m>         run this long (default 1 unless --visits is given)
  --visits <n>          stop after this many visits
  --rate <per s>        target visits per second over the fleet (default 5)
  --bad-rate <0-1>      chance per visit of one bad payload (default 0)
  --offline-rate <0-1>  chance per visit that the network drops after the open (default 0)
  --seed <n>            random seed (default 1)
  --heartbeat <s>       status heartbeat period (default 30)
  --gate-rate <per s>   gate passages per second over the gates (default 2)
  --gate-offline-rate <0-1>  chance per passage that its gate drops offline a while first (default 0)
  --clock-drift-s <s>   each gate's clock starts off by up to this much until the backend syncs it (default 0)
  --passback-rate <0-1> chance per entry that the card is handed back and presented again (default 0)
  --piles <n>           charging piles (2 ports each) to provision, or to use from the fleet file (default 0 / all)
  --charge-rate <per s> charging swipes per second over the piles (default 0.5)
  --pile-speed <x>      the piles' clocks run this many times faster than real time (default 60000:
                        a six-hour e-bike charge in a third of a second)
  -h, --help            show this help`

const num = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().min(min).max(max)
const int = (min: number) => z.coerce.number().int().min(min)

const cliSchema = z.object({
  fleet: z.string().min(1).optional(),
  token: z.string().min(1).optional(),
  http: z.url().default('http://127.0.0.1:3000'),
  mqtt: z.string().regex(/^mqtts?:\/\//, 'mqtt://host:port').optional(),
  kiosks: int(1).optional(),
  residents: int(1).optional(),
  minutes: num(0.01).optional(),
  visits: int(1).optional(),
  rate: num(0.01, 100_000).default(5),
  badRate: num(0, 1).default(0),
  offlineRate: num(0, 1).default(0),
  seed: int(0).default(1),
  heartbeat: int(0).default(30),
  gates: int(0).optional(),
  gateRate: num(0.01, 100_000).default(2),
  gateOfflineRate: num(0, 1).default(0),
  clockDriftS: num(0).default(0),
  passbackRate: num(0, 1).default(0),
  piles: int(0).optional(),
  chargeRate: num(0.01, 10_000).default(0.5),
  pileSpeed: num(1, 10_000_000).default(60_000)
}).refine(o => o.fleet != null || o.token != null, { message: 'give --token (to provision) or --fleet <file>' })

export type CliConfig = z.infer<typeof cliSchema> & { help: false } | { help: true }
export const defaultMqttUrl = 'mqtt://127.0.0.1:1883'

/** Throws an Error with a readable message on bad input. */
export function parseCliArgs (argv: string[]): CliConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      fleet: { type: 'string' },
      token: { type: 'string' },
      http: { type: 'string' },
      mqtt: { type: 'string' },
      kiosks: { type: 'string' },
      residents: { type: 'string' },
      minutes: { type: 'string' },
      visits: { type: 'string' },
      rate: { type: 'string' },
      'bad-rate': { type: 'string' },
      'offline-rate': { type: 'string' },
      seed: { type: 'string' },
      heartbeat: { type: 'string' },
      gates: { type: 'string' },
      'gate-rate': { type: 'string' },
      'gate-offline-rate': { type: 'string' },
      'clock-drift-s': { type: 'string' },
      'passback-rate': { type: 'string' },
      piles: { type: 'string' },
      'charge-rate': { type: 'string' },
      'pile-speed': { type: 'string' }
    }
  })
  if (values.help === true) return { help: true }
  const { 'bad-rate': badRate, 'offline-rate': offlineRate, 'gate-rate': gateRate, 'gate-offline-rate': gateOfflineRate, 'clock-drift-s': clockDriftS, 'passback-rate': passbackRate, 'charge-rate': chargeRate, 'pile-speed': pileSpeed, help: _help, ...rest } = values
  const parsed = cliSchema.safeParse({ ...rest, badRate, offlineRate, gateRate, gateOfflineRate, clockDriftS, passbackRate, chargeRate, pileSpeed })
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error))
  return { ...parsed.data, help: false }
}
