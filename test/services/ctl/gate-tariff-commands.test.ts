// The operator CLI for gates, charging tariffs and the held part of a balance,
// on both stores: each command's output is checked against the store read
// back through the repositories the backend itself uses.
import t, { type Test } from 'tap'
import { join } from 'node:path'
import { runCli } from '../../../services/ctl/run.ts'
import { tariffInForce } from '../../../services/charging/tariff-repository.ts'
import { findGate } from '../../../services/gate/gate-repository.ts'
import { placeHold } from '../../../services/ledger/holds.ts'
import { appendEntry } from '../../../services/ledger/ledger.ts'
import { openStore } from '../../../services/store/open-database.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny, tempDir } from '../../helpers/stores.ts'

type StoreConfig = { SQLITE_PATH: string, DATABASE_URL?: string }
type Ctl = (...argv: string[]) => Promise<{ code: number, out: string, err: string }>

async function eachCliStore (t: Test, name: string, body: (t: Test, ctl: Ctl, config: StoreConfig) => Promise<void>): Promise<void> {
  const run = async (t: Test, config: StoreConfig) => {
    const ctl: Ctl = async (...argv) => {
      const out: string[] = []
      const err: string[] = []
      const code = await runCli(argv, config, { out: s => out.push(s), err: s => err.push(s) })
      return { code, out: out.join('\n'), err: err.join('\n') }
    }
    t.equal((await ctl('site', 'add', '--name', 'Lotus Garden', '--id', 'lotus', '--create')).code, 0)
    await body(t, ctl, config)
  }
  t.test(`${name} [sqlite]`, async tt => run(tt, { SQLITE_PATH: join(tempDir(tt), 'ctl.db') }))
  t.test(`${name} [postgres]`, { skip: await postgresSkipReasonIfAny() }, async tt => {
    const url = await createPostgresTestDatabase(tt)
    if (url == null) throw new Error(postgresSkipReason)
    await run(tt, { SQLITE_PATH: '', DATABASE_URL: url })
  })
}

async function withStore<T> (config: StoreConfig, fn: (db: Awaited<ReturnType<typeof openStore>>['db']) => Promise<T>): Promise<T> {
  const store = await openStore(config)
  try { return await fn(store.db) } finally { await store.close() }
}

await eachCliStore(t, 'gate set and gate zone add', async (t, ctl, config) => {
  t.equal((await ctl('device', 'add', '--site', 'lotus', '--id', 'gate-east', '--kind', 'gate')).code, 0)
  t.equal((await ctl('device', 'add', '--site', 'lotus', '--id', 'kiosk-1', '--kind', 'kiosk')).code, 0)
  t.match(await ctl('gate', 'zone', 'add', '--site', 'lotus', '--id', 'north', '--anti-passback', 'soft', '--reset-after-ms', '3600000'),
    { code: 0, out: 'zone north at lotus: anti-passback soft, reset after 3600000 ms' })
  t.match(await ctl('gate', 'zone', 'list', '--site', 'lotus'), { code: 0, out: /north\s+soft\s+3600000/ })
  t.match(await ctl('gate', 'zone', 'add', '--help'), { code: 0, out: /usage: npm run ctl -- gate zone add .*\n.*\n\n\s+--site\s+site id \(required\)/ }, 'three-word commands are found')

  t.match(await ctl('gate', 'set', '--id', 'gate-east', '--directions', 'in', '--zone', 'north', '--release-ms', '4000'),
    { code: 0, out: /gate gate-east: directions in, zone north, release 4000 ms\nsent to the gate \(at once if it is connected to a running backend, else when it next connects\)/ })
  t.match(await withStore(config, db => findGate(db, 'gate-east')), { directions: 'in', zone_id: 'north', release_ms: 4000 }, 'stored')
  const relayedConfig = await withStore(config, db => db.selectFrom('command_relay').innerJoin('commands', 'commands.cmd_id', 'command_relay.cmd_id')
    .select(['commands.type', 'commands.payload', 'commands.status']).where('command_relay.device_id', '=', 'gate-east').execute())
  t.match(relayedConfig, [{ type: 'gate-config', status: 'pending' }], 'a gate-config recorded and marked for the backend that holds the gate')
  t.match(JSON.parse(relayedConfig[0]!.payload), { directions: ['in'], releaseMs: 4000 })
  t.same(JSON.parse((await ctl('gate', 'set', '--id', 'gate-east', '--release-ms', '2500', '--json')).out),
    { deviceId: 'gate-east', directions: ['in'], zoneId: 'north', releaseMs: 2500 }, 'options left out keep their value')
  t.match(await ctl('gate', 'set', '--id', 'gate-east', '--directions', 'out,in', '--zone', 'none'), { code: 0, out: /directions in,out, zone \(none\)/ })

  // refused, and nothing changes
  const before = await withStore(config, db => findGate(db, 'gate-east'))
  t.match(await ctl('gate', 'set', '--id', 'gate-east', '--directions', 'sideways'), { code: 1, err: /^error VALIDATION_FAILED: .*directions/ })
  t.match(await ctl('gate', 'set', '--id', 'gate-east', '--release-ms', '100'), { code: 1, err: /^error VALIDATION_FAILED: .*releaseMs/ })
  t.match(await ctl('gate', 'set', '--id', 'gate-east', '--release-ms', '4s'), { code: 1, err: 'error VALIDATION_FAILED: --release-ms must be a whole number, not "4s"' })
  t.match(await ctl('gate', 'set', '--id', 'gate-east', '--zone', 'south'), { code: 1, err: 'error VALIDATION_FAILED: no zone south at site lotus' })
  t.match(await ctl('gate', 'set', '--id', 'kiosk-1'), { code: 1, err: 'error VALIDATION_FAILED: device kiosk-1 is a kiosk, not a gate' })
  t.match(await ctl('gate', 'set', '--id', 'nope'), { code: 1, err: /^error DEVICE_UNKNOWN/ })
  t.same(await withStore(config, db => findGate(db, 'gate-east')), before, 'refusals changed nothing')

  t.match(await ctl('gate', 'zone', 'add', '--site', 'lotus', '--id', 'north'), { code: 1, err: 'error CONFLICT: zone north already exists' })
  t.match(await ctl('gate', 'zone', 'add', '--site', 'nope', '--id', 'west'), { code: 1, err: /^error SITE_UNKNOWN/ })
  t.match(await ctl('gate', 'zone', 'add', '--site', 'lotus', '--id', 'west', '--anti-passback', 'strict'), { code: 1, err: /^error VALIDATION_FAILED: .*antiPassback/ })
  t.match(await ctl('gate', 'zone', 'list', '--site', 'lotus', '--json'), { code: 0 })
  t.same((JSON.parse((await ctl('gate', 'zone', 'list', '--site', 'lotus', '--json')).out) as Array<{ id: string }>).map(z => z.id), ['north'], 'the refused zones were not made')
})

await eachCliStore(t, 'tariff set for a site and for one pile', async (t, ctl, config) => {
  t.equal((await ctl('device', 'add', '--site', 'lotus', '--id', 'pile-1', '--kind', 'charger')).code, 0)
  t.equal((await ctl('device', 'add', '--site', 'lotus', '--id', 'pile-2', '--kind', 'charger')).code, 0)
  t.equal((await ctl('device', 'add', '--site', 'lotus', '--id', 'gate-1', '--kind', 'gate')).code, 0)

  t.match(await ctl('tariff', 'set', '--site', 'lotus', '--per-hour', '100'), { code: 1, err: 'error VALIDATION_FAILED: no tariff yet for lotus: give --hold (points held when a session starts)' })
  t.match(await ctl('tariff', 'set', '--site', 'lotus', '--per-hour', '100', '--per-kwh', '80', '--hold', '300'), { code: 1, err: 'error VALIDATION_FAILED: give exactly one of --per-hour and --per-kwh' })
  t.match(await ctl('tariff', 'set', '--site', 'lotus', '--per-hour', '100', '--billing-unit', 'fortnight', '--hold', '300'), { code: 1, err: /^error VALIDATION_FAILED: .*billingUnit/ })
  t.match(await ctl('tariff', 'set', '--site', 'lotus', '--per-kwh', '80', '--billing-unit', 'minute', '--hold', '300'), { code: 1, err: 'error VALIDATION_FAILED: --billing-unit goes with --per-hour (per kWh bills the metered energy)' })
  t.match(await ctl('tariff', 'set', '--site', 'lotus', '--per-kwh', '80', '--hold', '300', '--hold-max', '200'), { code: 1, err: 'error VALIDATION_FAILED: --hold must not exceed --hold-max' })
  t.match(await ctl('tariff', 'set', '--site', 'lotus', '--per-kwh', '80', '--min-cost', '50', '--max-cost', '10', '--hold', '300'), { code: 1, err: /^error VALIDATION_FAILED: .*minCostPoints must not exceed maxCostPoints/ })
  t.match(await ctl('tariff', 'set', '--site', 'lotus', '--pile', 'gate-1', '--per-kwh', '80', '--hold', '300'), { code: 1, err: 'error DEVICE_NOT_CHARGER: device gate-1 is a gate' })
  t.match(await ctl('tariff', 'list', '--site', 'lotus'), { code: 0, out: '(none)' }, 'refusals stored nothing')

  t.match(await ctl('tariff', 'set', '--site', 'lotus', '--per-hour', '100', '--billing-unit', 'half_hour', '--start-fee', '20', '--hold', '300', '--hold-max', '1000'),
    { code: 0, out: 'tariff version 1 for site lotus: 100 points/hour (per half hour), start fee 20, min 0, free first 0 s; hold 300 (max 1000)' })
  t.match(await ctl('tariff', 'set', '--site', 'lotus', '--per-kwh', '120'),
    { code: 0, out: 'tariff version 2 for site lotus: 120 points/kWh, start fee 0, min 0, free first 0 s; hold 300 (max 1000)' }, 'the hold carries over')
  const pile = JSON.parse((await ctl('tariff', 'set', '--site', 'lotus', '--pile', 'pile-1', '--per-kwh', '90', '--free-seconds', '60', '--json')).out) as { version: number, deviceId: string, holdDefaultPoints: number, tariff: unknown }
  t.match(pile, { version: 1, deviceId: 'pile-1', holdDefaultPoints: 300, tariff: { pricing: { kind: 'per_kwh', pointsPerKwh: 90 }, freeSessionSeconds: 60 } }, 'a pile\'s first version starts from the site\'s hold')

  const inForce = await withStore(config, async db => [await tariffInForce(db, 'lotus', 'pile-1'), await tariffInForce(db, 'lotus', 'pile-2')])
  t.match(inForce.map(f => f?.tariff.pricing), [{ kind: 'per_kwh', pointsPerKwh: 90 }, { kind: 'per_kwh', pointsPerKwh: 120 }], 'pile-1 runs its own tariff, pile-2 the site\'s newest')
  t.match(inForce.map(f => f?.row.created_by), ['ctl', 'ctl'], 'attributed to the CLI')
  t.match(await ctl('tariff', 'list', '--site', 'lotus'), { code: 0, out: /^version\s+created\s+by\s+tariff\n2 .* ctl\s+120 points\/kWh.*\n1 .* ctl\s+100 points\/hour/ })
})

await eachCliStore(t, 'balance shows held and available points', async (t, ctl, config) => {
  const household = JSON.parse((await ctl('household', 'add', '--site', 'lotus', '--label', '3-2-501', '--json')).out) as { id: string }
  await ctl('card', 'link', '--household', household.id, '--uid', 'CARD-7')
  await withStore(config, async db => {
    await appendEntry(db, { householdId: household.id, kind: 'earn', points: 1234, idempotencyKey: `seed:${household.id}`, nowMs: 1 })
    await placeHold(db, { holdId: 'hold-1', householdId: household.id, points: 300, refType: 'charging_session', refId: 'chg-1', nowMs: 2 })
  })
  t.match(await ctl('balance', '--card', 'CARD-7'), { code: 0, out: /3-2-501 \(.*\) at lotus: 1234 points \(CNY 12\.34\), 300 held for charging, 934 available \(CNY 9\.34\)$/ })
  t.same(JSON.parse((await ctl('balance', '--household', household.id, '--json')).out),
    { householdId: household.id, label: '3-2-501', siteId: 'lotus', balancePoints: 1234, heldPoints: 300, availablePoints: 934 })
})

await eachCliStore(t, 'every change from the CLI is audited with it; reads are not; a refusal leaves its own row', async (t, ctl, config) => {
  const rows = () => withStore(config, db => db.selectFrom('audit_log').selectAll().orderBy('id').execute())
  const created = await rows()
  t.same(created.map(r => [r.method, r.route, r.status_code]), [['CLI', 'ctl site add', 200]], 'the site created at the start')
  t.match(created[0], { staff_id: /^cli:.+/, staff_role: 'admin', staff_site_id: null, ip: 'local' })
  t.same(JSON.parse(created[0]?.body_summary ?? 'null'), { name: 'Lotus Garden', id: 'lotus' }, 'the options, without --create')

  t.equal((await ctl('device', 'add', '--site', 'lotus', '--id', 'pile-1', '--kind', 'charger')).code, 0)
  t.equal((await ctl('tariff', 'set', '--site', 'lotus', '--per-hour', '60', '--hold', '500')).code, 0)
  t.equal((await ctl('tariff', 'list', '--site', 'lotus')).code, 0)
  t.equal((await ctl('balance', '--household', 'nobody')).code, 1)
  t.match(await ctl('tariff', 'set', '--site', 'lotus', '--per-hour', '60', '--per-kwh', '100'), { code: 1, err: /give exactly one of --per-hour and --per-kwh/ })
  const after = await rows()
  t.same(after.slice(1).map(r => [r.route, r.status_code]), [['ctl device add', 200], ['ctl tariff set', 200], ['ctl tariff set', 400]],
    'changes and the refused change; the list and the balance (reads) leave none')
  t.same(JSON.parse(after[2]?.body_summary ?? 'null'), { site: 'lotus', 'per-hour': '60', hold: '500' })
  t.equal((await withStore(config, db => db.selectFrom('charging_tariffs').select('id').execute())).length, 1, 'the refused version was not stored')
})
