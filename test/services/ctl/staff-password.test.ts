// `npm run ctl -- staff password`: the first admin gets a password without the
// HTTP API; the password comes from a file, never the command line.
import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../../../services/ctl/run.ts'
import { openStore } from '../../../services/store/open-database.ts'
import { verifyStaffPassword } from '../../../services/web-sessions/staff-passwords.ts'
import { tempDir } from '../../helpers/stores.ts'

async function ctl (path: string, ...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { SQLITE_PATH: path }, { out: s => out.push(s), err: s => err.push(s) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

t.test('set a password from a file, then it signs in', async t => {
  const dir = tempDir(t)
  const path = join(dir, 'ctl.db')
  const staff = JSON.parse((await ctl(path, 'staff', 'add', '--username', 'boss', '--name', 'Boss', '--role', 'admin', '--json', '--create')).out) as { staff: { id: string } }
  writeFileSync(join(dir, 'pw'), 'a long enough password\n')
  writeFileSync(join(dir, 'short'), 'short\n')
  t.match(await ctl(path, 'staff', 'password', '--id', staff.staff.id, '--password-file', join(dir, 'short')), { code: 1, err: /VALIDATION_FAILED: a password has 10 to 200 characters/ })
  t.match(await ctl(path, 'staff', 'password', '--id', staff.staff.id, '--password-file', join(dir, 'pw')), { code: 0, out: 'password set for boss' })
  t.match(await ctl(path, 'staff', 'password', '--id', 'stf_nope', '--password-file', join(dir, 'pw')), { code: 1, err: /NOT_FOUND/ })
  const store = await openStore({ SQLITE_PATH: path })
  t.teardown(() => store.close())
  t.match(await verifyStaffPassword(store.db, 'boss', 'a long enough password'), { username: 'boss', role: 'admin' })
  t.equal(await verifyStaffPassword(store.db, 'boss', 'a long enough password\n'), undefined, 'the newline is not part of it')
})
