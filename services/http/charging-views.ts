// Charging rows → the camelCase shapes of schemas/http-charging.ts.
import type { z } from 'zod'
import type * as api from '../../schemas/http-charging.ts'
import type { TariffInForce } from '../charging/tariff-repository.ts'
import type { ChargingMeterValue, ChargingSessionRow, PointHold } from '../store/database.ts'

type Out<S extends z.ZodType> = z.output<S>

export const sessionView = (s: ChargingSessionRow): Out<typeof api.chargingSessionSchema> => ({
  id: s.id, siteId: s.site_id, deviceId: s.device_id, port: s.port, householdId: s.household_id, cardUid: s.card_uid, startedBy: s.started_by,
  staffId: s.staff_id, status: s.status, tariffId: s.tariff_id, holdPoints: s.hold_points, costPoints: s.cost_points, chargedPoints: s.charged_points,
  endReason: s.end_reason, createdAtMs: s.created_at_ms, endedAtMs: s.ended_at_ms
})

export const tariffVersionView = ({ row, tariff, limits }: TariffInForce): Out<typeof api.tariffVersionSchema> => ({
  id: row.id, siteId: row.site_id, deviceId: row.scope === '' ? null : row.scope, version: row.version, tariff, limits,
  holdDefaultPoints: row.hold_default_points, holdMaxPoints: row.hold_max_points, createdBy: row.created_by, createdAtMs: row.created_at_ms
})

export const meterValueView = (m: ChargingMeterValue): Out<typeof api.meterValueSchema> => ({
  seq: m.seq, deviceTs: m.device_ts, energyWh: m.energy_wh, powerW: m.power_w, voltageV: m.voltage_v, temperatureC: m.temperature_c, receivedAtMs: m.received_at_ms
})

export const holdView = (h: PointHold): Out<typeof api.holdViewSchema> => ({
  id: h.id, points: h.points, status: h.status, placedAtMs: h.placed_at_ms, closedAtMs: h.closed_at_ms,
  chargedPoints: h.charged_points, releasedPoints: h.released_points, closeReason: h.close_reason
})
