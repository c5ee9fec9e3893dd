// The operator CLI: commands in-process against a temp SQLite file, and the
// real entry point spawned once.
import t from 'tap'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
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
  t.match(await ctl(path, 'site', 'add', '--name', 'Lotus Garden', '--id', 'lotus'), { code: 0, out: /site lotus "Lotus Garden" \(Asia\/Shanghai\) created/ })
  t.match(await ctl(path, 'site', 'list'), { code: 0, out: /lotus\s+Lotus Garden\s+Asia\/Shanghai/ })
  const device = await ctl(path, 'device', 'add', '--site', 'lotus', '--id', 'kiosk-1', '--kind', 'kiosk', '--json')
  t.equal(device.code, 0)
  t.ok((JSON.parse(device.out) as { secret: string }).secret.length > 20, 'secret printed once')
  t.match(await ctl(path, 'device', 'list', '--site', 'lotus'), { code: 0, out: /kiosk-1\s+lotus\s+kiosk\s+active\s+no/ })
  const household = JSON.parse((await ctl(path, 'household', 'add', '--site', 'lotus', '--label', '3-2-501', '--json')).out) as { id: string }
  t.match(await ctl(path, 'card', 'link', '--household', household.id, '--uid', 'CARD-42'), { code: 0, out: `card CARD-42 linked to household ${household.id}` })
  t.match(await ctl(path, 'balance', '--card', 'CARD-42'), { code: 0, out: /3-2-501 .* 0 points \(CNY 0\.00\)/ })
  t.same(JSON.parse((await ctl(path, 'balance', '--household', household.id, '--json')).out), { householdId: household.id, label: '3-2-501', siteId: 'lotus', balancePoints: 0 })
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
  const ok = await run(process.execPath, ['--import=tsx', 'services/ctl/cli.ts', 'site', 'add', '--name', 'Spawned', '--id', 'sp'], { env })
  t.match(ok.stdout, /site sp "Spawned"/)
  const failed = await run(process.execPath, ['--import=tsx', 'services/ctl/cli.ts', 'site', 'add', '--name', 'Again', '--id', 'sp'], { env }).then(() => undefined, (err: { code: number, stderr: string }) => err)
  t.equal(failed?.code, 1, 'exit code 1')
  t.match(failed?.stderr, /error CONFLICT: site sp already exists/)
})

t.test('device credentials from the command line: disable, enable, rotate-secret, list with last failure', async t => {
  const path = join(tempDir(t), 'ctl.db')
  await ctl(path, 'site', 'add', '--name', 'Lotus Garden', '--id', 'lotus')
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
