// GET /api/sites/{siteId}/overview: the numbers the staff overview page shows
// for one site (services/overview/, docs/web.md), kept live by its stream.
import { z } from 'zod'

const count = z.number().int().min(0)

export const siteOverviewSchema = z.object({
  siteId: z.string(),
  localDay: z.string().describe('the site-local calendar day of the "today" figures, YYYY-MM-DD'),
  devices: z.object({ total: count, online: count, offline: count, disabled: count }).describe('disabled devices are counted apart, not as offline'),
  binsNearlyFull: z.array(z.object({ deviceId: z.string(), category: z.string(), fillPct: z.number() }))
    .describe('bins at or above the threshold in the last status report of each active device'),
  binFullThresholdPct: z.number(),
  today: z.object({
    deposits: count, grams: count,
    pointsEarned: count.describe('points credited for deposits of this local day'),
    pointsRedeemed: count.describe('points paid out at the counter since local midnight (reversals not netted)')
  }),
  pending: z.object({ adjustments: count, reviewItems: count }),
  alarms: z.object({
    open: count.describe('open alarms of the site (active, or cleared but not yet acknowledged), shelved ones included'),
    unacknowledged: count,
    bySeverity: z.object({ critical: count, major: count, minor: count, warning: count, indeterminate: count })
  })
}).meta({ id: 'SiteOverview' })

export type SiteOverview = z.infer<typeof siteOverviewSchema>
