// HTTP bodies of the pickup API (services/http/routes/pickups.ts, docs/http-api.md "Pickups").
import { z } from 'zod'
import { categorySchema, idSchema } from './common.ts'

const ms = z.number().int()

export const reconciliationSchema = z.object({
  collectedGrams: z.number().int(),
  depositedGrams: z.number().int().meta({ description: 'the bin\'s category in the kiosk\'s deposits since the previous collection' }),
  differenceGrams: z.number().int().meta({ description: 'collected − deposited: negative when the bin held less than was credited' }),
  differencePct: z.number().nullable().meta({ description: 'the difference in % of the deposited weight; null when nothing was deposited' })
}).meta({ id: 'PickupReconciliation' })

export const pickupSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  deviceId: z.string(),
  category: z.string(),
  status: z.enum(['open', 'collected']),
  alarmId: z.string().nullable(),
  createdBy: z.string(),
  createdAtMs: ms,
  collectedBy: z.string().nullable(),
  collectedAtMs: ms.nullable(),
  sinceMs: ms.nullable().meta({ description: 'the previous collection of this bin; null: none before' }),
  reconciliation: reconciliationSchema.nullable()
}).meta({ id: 'Pickup' })

export const pickupParamsSchema = z.object({ pickupId: idSchema })
export const pickupsQuerySchema = z.object({ status: z.enum(['open', 'collected']).optional() })
export const openPickupBodySchema = z.object({ deviceId: idSchema, category: categorySchema })
export const collectPickupBodySchema = z.object({
  grams: z.number().int().min(0).max(10_000_000).meta({ description: 'weight collected from the bin, grams' })
})
