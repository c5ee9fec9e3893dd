// GET /api/reports: the district's figures per site and for all of them, for
// a site-local day or month, as JSON or CSV (services/reports/).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { reportsQuerySchema, reportsSchema } from '../../../schemas/http-alarms.ts'
import type { Period } from '../../reports/periods.ts'
import { reportsCsv } from '../../reports/report-csv.ts'
import { siteReport, totalReport } from '../../reports/site-report.ts'
import { getSite, listSites } from '../../sites/site-registry.ts'
import { assertSite } from '../../staff/roles.ts'
import { actor } from '../auth.ts'
import { errors } from './common.ts'

export interface ReportsOptions { depositWindowMs: number }

const plugin: FastifyPluginAsyncZod<ReportsOptions> = async (app, opts) => {
  app.get('/reports', {
    config: { role: 'manager' },
    schema: { tags: ['reports'], querystring: reportsQuerySchema, description: '`format=csv` answers text/csv (one row per site, the total last).', response: { 200: reportsSchema, ...errors } }
  }, async (request, reply) => {
    const staff = actor(request)
    const siteId = request.query.siteId ?? staff.siteId ?? undefined
    if (siteId != null) assertSite(staff, siteId)
    const sites = siteId != null ? [await getSite(app.db, siteId)] : await listSites(app.db)
    const period: Period = request.query.day != null ? { kind: 'day', day: request.query.day } : { kind: 'month', month: request.query.month ?? '' }
    const nowMs = Date.now()
    const reports = []
    for (const site of sites) reports.push(await siteReport(app.db, site, period, { depositWindowMs: opts.depositWindowMs, nowMs }))
    const first = reports[0]
    const total = totalReport(reports, first?.from ?? '', first?.to ?? '')
    if (request.query.format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="report-${request.query.day ?? request.query.month ?? ''}.csv"`)
        .serializer((payload: string) => payload).send(reportsCsv([...reports, total]) as never)
    }
    return { reports, total }
  })
}

export default plugin
