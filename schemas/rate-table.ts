// A site's points rates. Stored per site, served over HTTP and (later) sent to
// kiosks as retained config so they can show rates offline.
import { z } from 'zod'
import { categories, type Category } from './common.ts'

/**
 * Largest rates a site may set. A deposit line then earns at most
 * 1,000,000 g × 10,000 / 1000 = 1,000 × 10,000 = 10^7 points, a deposit of 16
 * lines 1.6 × 10^8: inside a 32-bit integer column on PostgreSQL and SQLite alike.
 */
export const rateBounds = { maxPointsPerKg: 10_000, maxPointsPerItem: 10_000 } as const

export const categoryRateSchema = z.discriminatedUnion('mode', [
  /** Points per kilogram; grams × pointsPerKg / 1000, rounded down per line. */
  z.object({ mode: z.literal('per_kg'), pointsPerKg: z.number().int().min(0).max(rateBounds.maxPointsPerKg) }),
  /** Points per piece (`count` in the deposit line), e.g. batteries. */
  z.object({ mode: z.literal('per_item'), pointsPerItem: z.number().int().min(0).max(rateBounds.maxPointsPerItem) }),
  /** Accepted but earns nothing (e.g. `other`). */
  z.object({ mode: z.literal('none') })
])
export type CategoryRate = z.infer<typeof categoryRateSchema>

export const rateTableSchema = z.object({
  rates: z.partialRecord(z.enum(categories), categoryRateSchema),
  /** Most points one household may earn per local day at this site; 0 = no cap. */
  dailyCapPoints: z.number().int().min(0).max(10_000_000),
  /** Largest plausible weight per category line; heavier deposits go to review. */
  maxGramsPerLine: z.number().int().min(1).max(1_000_000),
  /** Largest plausible piece count per line (per-item categories); more go to review. */
  maxItemsPerLine: z.number().int().min(1).max(1_000).default(100),
  /** Most points one deposit may earn without a look from staff; more go to review. */
  maxPointsPerDeposit: z.number().int().min(1).max(10_000_000).default(5_000)
}).meta({ id: 'RateTable' })
export type RateTable = z.infer<typeof rateTableSchema>

/** What a new site gets unless told otherwise: typical rates in Chinese compounds. */
export const defaultRateTable: RateTable = {
  rates: {
    paper: { mode: 'per_kg', pointsPerKg: 40 },
    plastic: { mode: 'per_kg', pointsPerKg: 60 },
    metal: { mode: 'per_kg', pointsPerKg: 80 },
    glass: { mode: 'per_kg', pointsPerKg: 20 },
    textile: { mode: 'per_kg', pointsPerKg: 30 },
    kitchen: { mode: 'per_kg', pointsPerKg: 10 },
    hazardous: { mode: 'per_item', pointsPerItem: 50 },
    other: { mode: 'none' }
  } satisfies Record<Category, CategoryRate>,
  dailyCapPoints: 2000,
  maxGramsPerLine: 50_000,
  maxItemsPerLine: 100,
  maxPointsPerDeposit: 5_000
}
