// Which bins a kiosk's last status report shows as nearly full (pure).
import { statusSchema } from '../../schemas/device-events.ts'

export const BIN_FULL_THRESHOLD_PCT = 80

export function binsNearlyFull (lastStatusJson: string | null, thresholdPct = BIN_FULL_THRESHOLD_PCT): Array<{ category: string, fillPct: number }> {
  if (lastStatusJson == null) return []
  let parsed: unknown
  try { parsed = JSON.parse(lastStatusJson) } catch { return [] }
  const status = statusSchema.safeParse(parsed)
  if (!status.success) return []
  return (status.data.bins ?? []).filter(b => b.fillPct >= thresholdPct).map(b => ({ category: b.category, fillPct: b.fillPct }))
}
