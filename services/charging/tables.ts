// Kysely table types of the charging domain (migration 0103): tariffs per site
// or pile, sessions and their meter values. Holds live with the ledger
// (services/ledger/tables.ts). services/store/database.ts joins every domain's
// tables into one Database.
import type { Selectable } from 'kysely'

export interface ChargingTariffsTable {
  id: string
  site_id: string
  /** '' for the whole site, else the pile's device id. */
  scope: string
  version: number
  /** schemas/charging.ts tariffSchema, JSON. */
  tariff: string
  /** schemas/charging.ts chargingLimitsSchema, JSON. */
  limits: string
  hold_default_points: number
  hold_max_points: number
  created_by: string
  created_at_ms: number
}

/**
 * starting: hold placed, start command sent, no acknowledgement yet; open: the pile acknowledged
 * or reported `started`; stopped / silent / reconciled: as the pure core (session-events.ts);
 * refused: the pile refused the start; start_timeout: no acknowledgement in time. The last two
 * released the hold whole.
 */
export type ChargingSessionStatus = 'starting' | 'open' | 'stopped' | 'silent' | 'reconciled' | 'refused' | 'start_timeout'

export interface ChargingSessionsTable {
  id: string
  site_id: string
  device_id: string
  port: number
  household_id: string
  card_uid: string | null
  started_by: 'card' | 'scan'
  staff_id: string | null
  status: ChargingSessionStatus
  /** `{device}:{port}` while the session may draw power (starting, open), else null: one live session per port. */
  active_port_key: string | null
  tariff_id: string
  hold_id: string
  hold_points: number
  start_cmd_id: string
  /** The pure core's ChargingSession (services/charging/session-events.ts), JSON. */
  state: string
  cost_points: number | null
  charged_points: number | null
  last_power_w: number | null
  end_reason: string | null
  created_at_ms: number
  last_heard_at_ms: number
  /** The session's limits.silenceTimeoutMinutes in ms: silent once not heard from for this long (the sweep's query). */
  silence_timeout_ms: number
  ended_at_ms: number | null
  /** The energy delivered, set when the session settles (stopped, silent) and corrected by a late stop; null before. */
  energy_wh: number | null
}

export interface ChargingMeterValuesTable {
  session_id: string
  seq: number
  device_ts: number
  energy_wh: number
  power_w: number
  voltage_v: number
  temperature_c: number | null
  received_at_ms: number
}

export interface ChargingTables {
  charging_tariffs: ChargingTariffsTable
  charging_sessions: ChargingSessionsTable
  charging_meter_values: ChargingMeterValuesTable
}

export type ChargingTariffRow = Selectable<ChargingTariffsTable>
export type ChargingSessionRow = Selectable<ChargingSessionsTable>
export type ChargingMeterValue = Selectable<ChargingMeterValuesTable>
