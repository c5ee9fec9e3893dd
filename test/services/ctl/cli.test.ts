// The operator CLI: commands in-process against a temp SQLite file, and the
// real entry point spawned once.
import t from 'tap'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { runCli } from '../../../services/ctl/run.ts'
import { authenticateStaff } from '../../../services/staff/staff.ts'
import { openStore } from '../../../services/store/open-database.ts'
import { recordAuthFailure } from '../../../services/devices/auth-failures.ts'
import { tempDir } from '../../helpers/stores.ts'

async function ctl (path: string, ...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { SQLITE_PATH: path }, { out: s => out.push(s), err: s => err.push(s) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

t.test('set up a compound from the command line', async t => {
  const path = join(tempDir(t), 'ctl.db')
  t.match(await ctl(path, 'site', 'add', '--name', 'Lotus Garden', '--id', 'lotus', '--create'), { code: 0, out: /site lotus "Lotus Garden" \(Asia\/Shanghai\) created/ })
  t.match(await ctl(path, 'site', 'list'), { code: 0, out: /lotus\s+Lotus Garden\s+Asia\/Shanghai/ })
  const device = await ctl(path, 'device', 'add', '--site', 'lotus', '--id', 'kiosk-1', '--kind', 'kiosk', '--json')
  t.equal(device.code, 0)
  t.ok((JSON.parse(device.out) as { secret: string }).secret.length > 20, 'secret printed once')
  t.match(await ctl(path, 'device', 'list', '--site', 'lotus'), { code: 0, out: /kiosk-1\s+lotus\s+kiosk\s+active\s+no/ })
  const household = JSON.parse((await ctl(path, 'household', 'add', '--site', 'lotus', '--label', '3-2-501', '--json')).out) as { id: string }
  t.match(await ctl(path, 'card', 'link', '--household', household.id, '--uid', 'CARD-42'), { code: 0, out: `card CARD-42 linked to household ${household.id}` })
  t.match(await ctl(path, 'balance', '--card', 'CARD-42'), { code: 0, out: /3-2-501 .* 0 points \(CNY 0\.00\), 0 held for charging, 0 available/ })
  t.same(JSON.parse((await ctl(path, 'balance', '--household', household.id, '--json')).out), { householdId: household.id, label: '3-2-501', siteId: 'lotus', balancePoints: 0, heldPoints: 0, availablePoints: 0 })
  for (const [cmd, status] of [['lost', 'lost'], ['reactivate', 'active'], ['block', 'blocked'], ['unlink', 'unlinked']]) {
    t.match(await ctl(path, 'card', cmd ?? '', '--uid', 'CARD-42'), { code: 0, out: `card CARD-42 is now ${status}` })
  }
  const staff = await ctl(path, 'staff', 'add', '--username', 'boss', '--name', 'Boss', '--role', 'admin', '--json')
  t.equal(staff.code, 0)
  const { token } = JSON.parse(staff.out) as { token: string }
  const store = await openStore({ SQLITE_PATH: path })
  t.teardown(() => store.close())
  t.match(await authenticateStaff(store.db, token), { username: 'boss', role: 'admin', siteId: null }, 'the printed token signs in')
})

t.test('errors: clear message with the code, exit code 1', async t => {
  const path = join(tempDir(t), 'ctl.db')
  await ctl(path, 'site', 'list', '--create')
  t.match(await ctl(path, 'card', 'lost', '--uid', 'NOPE'), { code: 1, err: 'error CARD_UNKNOWN: card is not registered' })
  t.match(await ctl(path, 'household', 'add', '--site', 'nope', '--label', '1'), { code: 1, err: /^error SITE_UNKNOWN: no site nope/ })
  t.match(await ctl(path, 'site', 'add'), { code: 1, err: /error USAGE: missing --name/ })
  t.match(await ctl(path, 'site', 'add', '--name', 'x', '--colour', 'red'), { code: 1, err: /error USAGE: .*colour/ })
  t.match(await ctl(path, 'device', 'add', '--site', 's', '--id', 'd', '--kind', 'toaster'), { code: 1, err: /VALIDATION_FAILED: --kind must be one of kiosk, gate, charger/ })
  t.match(await ctl(path, 'balance'), { code: 1, err: /give exactly one of --card and --household/ })
  t.match(await ctl(path, 'frobnicate'), { code: 1, err: /error USAGE: unknown command "frobnicate"/ })
  t.match(JSON.parse((await ctl(path, 'card', 'lost', '--uid', 'NOPE', '--json')).err), { error: { code: 'CARD_UNKNOWN' } })
  t.match(await ctl(path, '--help'), { code: 0, out: /usage: npm run ctl -- <command>/ })
  t.match(await ctl(path, 'staff', 'add', '--help'), { code: 0, out: /--role\s+counter \| manager \| admin \(required\)/ })
})

t.test('the real CLI process', async t => {
  const path = join(tempDir(t), 'spawned.db')
  const run = promisify(execFile)
  // a clean environment: only the store path (no DATABASE_URL leaking in)
  const env = { SQLITE_PATH: path }
  const ok = await run(process.execPath, ['--import=tsx', 'services/ctl/cli.ts', 'site', 'add', '--name', 'Spawned', '--id', 'sp', '--create'], { env })
  t.match(ok.stdout, /site sp "Spawned"/)
  const failed = await run(process.execPath, ['--import=tsx', 'services/ctl/cli.ts', 'site', 'add', '--name', 'Again', '--id', 'sp'], { env }).then(() => undefined, (err: { code: number, stderr: string }) => err)
  t.equal(failed?.code, 1, 'exit code 1')
  t.match(failed?.stderr, /error CONFLICT: site sp already exists/)
})

t.test('device credentials from the command line: disable, enable, rotate-secret, list with last failure', async t => {
  const path = join(tempDir(t), 'ctl.db')
  await ctl(path, 'site', 'add', '--name', 'Lotus Garden', '--id', 'lotus', '--create')
  const added = JSON.parse((await ctl(path, 'device', 'add', '--site', 'lotus', '--id', 'kiosk-9', '--kind', 'kiosk', '--json')).out) as { secret: string }
  t.match(await ctl(path, 'device', 'disable', '--id', 'kiosk-9'), { code: 0, out: 'device kiosk-9 disabled' })
  t.match(await ctl(path, 'device', 'list', '--site', 'lotus'), { code: 0, out: /kiosk-9\s+lotus\s+kiosk\s+disabled/ })
  t.match(await ctl(path, 'device', 'enable', '--id', 'kiosk-9'), { code: 0, out: 'device kiosk-9 enabled' })
  const rotated = await ctl(path, 'device', 'rotate-secret', '--id', 'kiosk-9', '--json')
  t.equal(rotated.code, 0)
  t.not((JSON.parse(rotated.out) as { secret: string }).secret, added.secret, 'a new secret, printed once')
  t.match(await ctl(path, 'device', 'disable', '--id', 'ghost'), { code: 1, err: /DEVICE_UNKNOWN/ })
  const store = await openStore({ SQLITE_PATH: path })
  await recordAuthFailure(store.db, { clientId: 'kiosk-9', username: 'kiosk-9', reason: 'bad-secret', remoteAddress: '198.51.100.4' }, Date.UTC(2025, 0, 2))
  await store.close()
  t.match(await ctl(path, 'device', 'list'), { code: 0, out: /kiosk-9 .* 2025-01-02T00:00:00\.000Z bad-secret from 198\.51\.100\.4 \(1×\)/ })
})

t.test('a SQLite path with no store is refused, not created, unless --create', async t => {
  const dir = tempDir(t)
  const path = join(dir, 'elsewhere.db')
  const refused = await ctl(path, 'balance', '--card', 'CARD0001')
  t.equal(refused.code, 1)
  t.equal(refused.err, `error STORE: no store at ${resolve(path)} (SQLITE_PATH=${path}). ` +
    'Point SQLITE_PATH at the server\'s SQLite file (or DATABASE_URL at its PostgreSQL database), or pass --create to make a new, empty store there.')
  t.equal(refused.out, '')
  t.notOk(existsSync(path), 'no database file was created')
  t.match(await ctl(join(dir, 'no-such-dir', 'kiosk.db'), 'site', 'list'), { code: 1, err: /^error STORE: no store at / })
  t.notOk(existsSync(join(dir, 'no-such-dir')), 'not even its directory')
  t.match(await ctl(path, 'site', 'add', '--name', 'Fresh', '--id', 'fresh', '--create'), { code: 0, out: /site fresh "Fresh"/ })
  t.ok(existsSync(path), '--create makes the store')
  t.match(await ctl(path, 'site', 'list'), { code: 0, out: /fresh\s+Fresh/ }, 'afterwards it opens without --create')
  t.match(await ctl(path, 'site', 'add', '--help'), { code: 0, out: /--create\s+make a new, empty store/ })
})

t.test('--json prints the camelCase shapes of the HTTP API', async t => {
  const path = join(tempDir(t), 'ctl.db')
  const json = async (...argv: string[]) => {
    const res = await ctl(path, ...argv, '--json')
    t.equal(res.code, 0, argv.join(' '))
    return JSON.parse(res.out) as unknown
  }
  const site = await json('site', 'add', '--name', 'Lotus Garden', '--id', 'lotus', '--create') as Record<string, unknown>
  t.same(Object.keys(site).sort(), ['createdAtMs', 'id', 'name', 'rateTable', 'timezone'])
  t.match(site, { id: 'lotus', name: 'Lotus Garden', timezone: 'Asia/Shanghai', createdAtMs: Number })
  t.same(await json('site', 'list'), [site])
  const added = await json('device', 'add', '--site', 'lotus', '--id', 'kiosk-1', '--kind', 'kiosk') as { device: Record<string, unknown>, secret: string }
  t.same(added.device, { id: 'kiosk-1', siteId: 'lotus', kind: 'kiosk', name: 'kiosk-1', status: 'active', online: false, lastSeenAtMs: null, lastStatus: null, createdAtMs: added.device.createdAtMs, lastAuthFailure: null })
  const store = await openStore({ SQLITE_PATH: path })
  await recordAuthFailure(store.db, { clientId: 'kiosk-1', username: 'kiosk-1', reason: 'bad-secret', remoteAddress: '198.51.100.4' }, Date.UTC(2025, 0, 2))
  await store.close()
  const failure = { atMs: Date.UTC(2025, 0, 2), reason: 'bad-secret', remoteAddress: '198.51.100.4', failures: 1 }
  t.same(await json('device', 'list'), [{ ...added.device, lastAuthFailure: failure }])
  t.same(await json('device', 'disable', '--id', 'kiosk-1'), { ...added.device, status: 'disabled', lastAuthFailure: failure })
  const household = await json('household', 'add', '--site', 'lotus', '--label', '3-2-501') as Record<string, unknown>
  t.same(household, { id: household.id, siteId: 'lotus', label: '3-2-501', status: 'active', balancePoints: 0, heldPoints: 0, availablePoints: 0, createdAtMs: household.createdAtMs })
  t.match(await json('card', 'link', '--household', String(household.id), '--uid', 'CARD-42'), { uid: 'CARD-42', householdId: household.id, siteId: 'lotus', status: 'active', createdAtMs: Number, updatedAtMs: Number })
  t.match(await json('card', 'lost', '--uid', 'CARD-42'), { uid: 'CARD-42', status: 'lost' })
  const staff = await json('staff', 'add', '--username', 'boss', '--name', 'Boss', '--role', 'admin') as { staff: Record<string, unknown>, token: string }
  t.same(staff.staff, { id: staff.staff.id, username: 'boss', name: 'Boss', role: 'admin', siteId: null, active: true, createdAtMs: staff.staff.createdAtMs })
  t.same(await json('staff', 'list'), [staff.staff])
  t.same(await json('staff', 'deactivate', '--id', String(staff.staff.id)), { ...staff.staff, active: false })
})
