// transaction(): inside an audit context, the action and its audit row commit
// together or not at all; outside one it is a plain transaction. Both stores.
import t from 'tap'
import type { AuditRecord } from '../../../services/audit/audit-log.ts'
import { runAudited, transaction, type AuditContext } from '../../../services/audit/audited-transaction.ts'
import { createHousehold } from '../../../services/households/household-registry.ts'
import { DomainError } from '../../../services/errors.ts'
import { aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

const aRecord = (requestId: string): AuditRecord => ({
  atMs: Date.now(), staffId: 'stf1', staffRole: 'manager', staffSiteId: null, method: 'POST', route: '/api/sites/:siteId/households',
  params: {}, bodySummary: { label: requestId }, statusCode: 201, ip: '192.0.2.1', userAgent: undefined, requestId, durationMs: 1
})

const aContext = (requestId: string): AuditContext => ({ committedRecord: () => aRecord(requestId), written: false })

void eachStore(t, 'the audit row commits and rolls back with the action', async (t, { db }) => {
  const site = await aSite(db)
  const labels = async () => (await db.selectFrom('households').select('label').orderBy('label').execute()).map(r => r.label)
  const auditIds = async () => (await db.selectFrom('audit_log').select('request_id').orderBy('id').execute()).map(r => r.request_id)

  const failed = aContext('req-failed')
  await t.rejects(runAudited(failed, () => transaction(db, async trx => {
    await createHousehold(trx, { siteId: site.id, label: 'rolled-back' })
    throw new DomainError('CONFLICT')
  })), { code: 'CONFLICT' })
  t.same(await labels(), [], 'the action rolled back')
  t.same(await auditIds(), [], 'and its audit row with it')
  t.equal(failed.written, false, 'so the HTTP layer records the refusal')

  const committed = aContext('req-committed')
  await runAudited(committed, async () => {
    await transaction(db, trx => createHousehold(trx, { siteId: site.id, label: 'committed' }))
    await transaction(db, trx => createHousehold(trx, { siteId: site.id, label: 'committed-2' }))
  })
  t.same(await labels(), ['committed', 'committed-2'])
  t.same(await auditIds(), ['req-committed'], 'one row per request, in its first transaction')
  t.equal(committed.written, true)

  await transaction(db, trx => createHousehold(trx, { siteId: site.id, label: 'no-context' }))
  t.same(await auditIds(), ['req-committed'], 'outside a staff request: no row')
})
