// README's "A property manager's first day", run from the README itself on
// both stores: every `npm run ctl` line of its first block goes through the
// operator CLI against the store of a running backend, the fleet.json it
// shows is filled in with the secrets the CLI printed, the `npm run sim` line's
// options are parsed by the simulator's own parser, and the kiosk, gate and
// pile it names then work against the backend. The last `balance` line must
// print what the store holds. If the README drifts, this fails.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { parseCliArgs } from '../../device-sim/cli-args.ts'
import { fleetDescriptionSchema } from '../../device-sim/fleet-description.ts'
import { runFleet } from '../../device-sim/fleet.ts'
import { runGateFleet } from '../../device-sim/gate-fleet.ts'
import { runPileFleet } from '../../device-sim/pile-fleet.ts'
import { tariffInForce } from '../../services/charging/tariff-repository.ts'
import { runCli } from '../../services/ctl/run.ts'
import { findGate } from '../../services/gate/gate-repository.ts'
import { walletOf } from '../../services/ledger/holds.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny, tempDir } from '../helpers/stores.ts'

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8')
const section = readme.slice(readme.indexOf('## A property manager\'s first day'), readme.indexOf('### Simulator options for gates and piles'))
const blocks = (lang: string) => [...section.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map(m => m[1] ?? '')

/** Shell words of one command line: double quotes group, `#` starts a comment, `> file` is returned apart. */
function words (line: string): { argv: string[], redirect?: string } {
  const argv: string[] = []
  let redirect: string | undefined
  for (const m of line.replace(/\s#.*$/, '').matchAll(/"([^"]*)"|(\S+)/g)) {
    const word = m[1] ?? m[2] ?? ''
    if (word === '>') redirect = ''
    else if (redirect === '') redirect = word
    else argv.push(word)
  }
  return redirect == null ? { argv } : { argv, redirect }
}

async function firstDay (t: Test, store: { DATABASE_URL?: string }) {
  const dir = tempDir(t)
  const config = { SQLITE_PATH: join(dir, 'kiosk.db'), DEVICE_SECRET_PEPPER_FILE: join(dir, 'pepper'), ...store }
  const backend = await startTestBackend(t, { ...config, GATE_SYNC_POLL_MS: 50 })
  const { db } = backend.store
  const ctl = async (argv: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(argv, config, { out: s => out.push(s), err: s => err.push(s) })
    return { code, out: out.join('\n'), err: err.join('\n') }
  }

  const [setup, simulate] = blocks('sh')
  const files = new Map<string, string>()
  const vars = new Map<string, string>()
  const commands = (text: string) => text.split('\n').filter(l => l.startsWith('npm run ctl -- ')).map(l => words(l.slice('npm run ctl -- '.length)))
  const setupCommands = commands(setup ?? '')
  t.ok(setupCommands.length >= 10, 'the walkthrough provisions through the CLI')
  for (const { argv, redirect } of setupCommands) {
    const filled = argv.map(a => a.replace(/<([A-Za-z]+)>/g, (_, name: string) => vars.get(name) ?? `<${name}>`))
    const result = await ctl(filled)
    t.equal(result.code, 0, `ctl ${filled.join(' ')}${result.err === '' ? '' : ` → ${result.err}`}`)
    if (redirect != null) files.set(redirect, result.out)
    const household = /^household (\S+) \(/.exec(result.out)
    if (household?.[1] != null) vars.set('householdId', household[1])
  }

  // what the walkthrough set up is in the store
  t.match(await findGate(db, 'gate-north'), { directions: 'in,out', zone_id: 'north-entrance', release_ms: 4000 })
  t.match((await tariffInForce(db, 'garden-court', 'pile-01'))?.tariff.pricing, { kind: 'per_hour', pointsPerHour: 120, billingUnit: 'half_hour' })

  // fleet.json as the README shows it, with the secrets from the files the CLI wrote
  const template = blocks('json')[0] ?? ''
  const json = template.replace(/<secret from (\S+)>/g, (_, file: string) => (JSON.parse(files.get(file) ?? '{}') as { secret?: string }).secret ?? 'missing')
  const fleet = fleetDescriptionSchema.parse({ ...JSON.parse(json) as object, mqttUrl: backend.mqttUrl })
  const sim = (simulate ?? '').split('\n').find(l => l.startsWith('npm run sim -- '))
  const options = parseCliArgs(words(sim?.slice('npm run sim -- '.length) ?? '').argv)
  if (options.help) throw new Error('the README\'s sim line asks for help')

  // a bounded run of the same devices: deposits first, so the resident can pay at the pile
  const kiosks = await runFleet({ mqttUrl: fleet.mqttUrl, kiosks: fleet.kiosks, cards: fleet.cards, visits: 4, ratePerS: 20, heartbeatS: 0 })
  t.equal(kiosks.deposited, 4, 'the kiosk took four deposits')
  const gates = await runGateFleet({ mqttUrl: fleet.mqttUrl, siteId: fleet.siteId, gates: fleet.gates ?? [], cards: fleet.cards, passages: 2, ratePerS: 20, cardRestMs: 0 })
  t.match(gates, { passages: 2, allowed: 2, undrained: 0 }, 'the resident walked in and out')
  const piles = await runPileFleet({ mqttUrl: fleet.mqttUrl, piles: fleet.piles ?? [], cards: fleet.cards, swipes: 1, speed: options.pileSpeed })
  t.equal(piles.started + (piles.denyReasons.INSUFFICIENT_POINTS ?? 0), 1, 'the swipe at the pile started a session or was refused for too few points')
  t.equal(piles.undrained, 0)

  const balanceLine = commands(simulate ?? '').find(c => c.argv[0] === 'balance')
  const balance = await ctl(balanceLine?.argv ?? [])
  const wallet = await walletOf(db, vars.get('householdId') ?? '')
  const entries = await db.selectFrom('ledger_entries').select(['kind', 'points']).where('household_id', '=', vars.get('householdId') ?? '').execute()
  t.ok(entries.some(e => e.kind === 'earn' && e.points > 0), 'points earned at the kiosk')
  t.equal(wallet.balancePoints, entries.reduce((sum, e) => sum + e.points, 0), 'the balance is the sum of the entries (earned, less what charging took)')
  t.match(balance, { code: 0, out: new RegExp(`: ${wallet.balancePoints} points .*, ${wallet.heldPoints} held for charging, ${wallet.availablePoints} available`) }, 'balance prints what the store holds')
}

t.test('README first day [sqlite]', async t => firstDay(t, {}))
t.test('README first day [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  await firstDay(t, { DATABASE_URL: url })
})
