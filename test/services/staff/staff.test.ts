// Staff accounts on SQLite and PostgreSQL, and the pure role rules.
import t from 'tap'
import { assertSite, hasRole } from '../../../services/staff/roles.ts'
import { authenticateStaff, createStaff, deactivateStaff } from '../../../services/staff/staff.ts'
import { hashStaffToken } from '../../../services/devices/secrets.ts'
import { eachStore } from '../../helpers/stores.ts'
import { aSite } from '../../fixtures/builders.ts'

t.test('roles are ordered counter < manager < admin', async t => {
  const table: Array<['counter' | 'manager' | 'admin', 'counter' | 'manager' | 'admin', boolean]> = [
    ['counter', 'counter', true], ['counter', 'manager', false], ['counter', 'admin', false],
    ['manager', 'counter', true], ['manager', 'manager', true], ['manager', 'admin', false],
    ['admin', 'counter', true], ['admin', 'manager', true], ['admin', 'admin', true]
  ]
  for (const [role, needed, allowed] of table) t.equal(hasRole({ role }, needed), allowed, `${role} as ${needed}`)
  t.doesNotThrow(() => assertSite({ siteId: null }, 'any'), 'all-site staff act anywhere')
  t.doesNotThrow(() => assertSite({ siteId: 's1' }, 's1'))
  t.throws(() => assertSite({ siteId: 's1' }, 's2'), { code: 'FORBIDDEN' })
})

await eachStore(t, 'create, authenticate, deactivate', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const { staff, token } = await createStaff(db, { username: 'zhang.wei', name: 'Zhang Wei', role: 'manager', siteId: site.id })
  t.match(staff, { username: 'zhang.wei', role: 'manager', site_id: site.id, active: 1 })
  t.notOk('token_hash' in staff, 'the hash is not returned')
  const row = await db.selectFrom('staff').select('token_hash').where('id', '=', staff.id).executeTakeFirstOrThrow()
  t.equal(row.token_hash, hashStaffToken(token), 'stored as its hash')
  t.same(await authenticateStaff(db, token), { id: staff.id, username: 'zhang.wei', name: 'Zhang Wei', role: 'manager', siteId: site.id })
  t.equal(await authenticateStaff(db, `${token}x`), undefined)
  t.equal(await authenticateStaff(db, ''), undefined)
  await t.rejects(createStaff(db, { username: 'zhang.wei', name: 'Other', role: 'counter' }), { code: 'CONFLICT' })
  await t.rejects(createStaff(db, { username: 'nobody', name: 'Other', role: 'counter', siteId: 'no-such-site' }), { code: 'SITE_UNKNOWN' })
  const other = await createStaff(db, { username: 'ops', name: 'Ops', role: 'admin' })
  t.equal(other.staff.site_id, null, 'no site: all sites')
  t.not(other.token, token)
  t.equal((await deactivateStaff(db, staff.id)).active, 0)
  t.equal(await authenticateStaff(db, token), undefined, 'deactivated staff cannot sign in')
  await t.rejects(deactivateStaff(db, 'stf_nope'), { code: 'NOT_FOUND' })
})
