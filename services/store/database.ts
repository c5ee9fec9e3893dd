// The store's schema for Kysely: one Database interface made of the table
// types each domain declares in its own tables.ts. The same types serve SQLite
// and PostgreSQL: times are integer milliseconds, booleans are 0/1, JSON is
// text, money is integer points (1 point = 1 fen). The domain types are
// re-exported here, so code may import a row type from either place.
//
// Database extends the domains' interfaces rather than being augmented by them
// (declaration merging): the full table list then does not depend on which
// files happen to be part of a compilation.
import type { SiteTables } from '../sites/tables.ts'
import type { HouseholdTables } from '../households/tables.ts'
import type { DeviceTables } from '../devices/tables.ts'
import type { KioskTables } from '../kiosk/tables.ts'
import type { IngestTables } from '../ingest/tables.ts'
import type { LedgerTables } from '../ledger/tables.ts'
import type { PointsTables } from '../points/tables.ts'
import type { ReviewTables } from '../review/tables.ts'
import type { StaffTables } from '../staff/tables.ts'
import type { CounterTables } from '../counter/tables.ts'
import type { TelemetryTables } from '../telemetry/tables.ts'
import type { AuditTables } from '../audit/tables.ts'
import type { AlarmTables } from '../alarms/tables.ts'
import type { JobTables } from '../jobs/tables.ts'
import type { GateTables } from '../gate/tables.ts'
import type { WebSessionTables } from '../web-sessions/tables.ts'
import type { PickupTables } from '../pickups/tables.ts'
import type { ChargingTables } from '../charging/tables.ts'
import type { ResidentTables } from '../residents/tables.ts'
import type { ReportTables } from '../reports/tables.ts'

export type { SitesTable, Site } from '../sites/tables.ts'
export type { HouseholdsTable, CardStatus, CardsTable, Household, Card } from '../households/tables.ts'
export type { DeviceKind, DevicesTable, CommandStatus, CommandsTable, CommandRelayTable, BackendNodesTable, DeviceAuthFailuresTable, DeviceAuthFailure, RegistryVersionTable, Device, CommandRow } from '../devices/tables.ts'
export type { KioskSessionsTable, KioskSession } from '../kiosk/tables.ts'
export type { DeviceEventsTable, DeadLettersTable, DeadLetter } from '../ingest/tables.ts'
export type { EntryKind, LedgerEntriesTable, LedgerEntry, NewLedgerEntry, HoldStatus, PointHoldsTable, PointHold } from '../ledger/tables.ts'
export type { DailyEarningsTable, DepositOutcome, DepositsTable, Deposit } from '../points/tables.ts'
export type { ReviewItemsTable, ReviewItem } from '../review/tables.ts'
export type { StaffRole, StaffTable, Staff } from '../staff/tables.ts'
export type { ShopItemsTable, RedemptionsTable, IdempotencyKeysTable, AdjustmentRequestsTable, ShopItem, Redemption, AdjustmentRequest } from '../counter/tables.ts'
export type { TelemetryOutboxTable, TelemetryDeadLettersTable } from '../telemetry/tables.ts'
export type { AuditLogTable, AuditLogRow } from '../audit/tables.ts'
export type { AlarmsTable, AlarmChangesTable } from '../alarms/tables.ts'
export type { JobLeasesTable } from '../jobs/tables.ts'
export type { GateRow, AccessLogRow, VisitorPass } from '../gate/tables.ts'
export type { StaffPasswordsTable, StaffWebSessionsTable } from '../web-sessions/tables.ts'
export type { ChargingTariffsTable, ChargingSessionsTable, ChargingMeterValuesTable, ChargingSessionStatus, ChargingTariffRow, ChargingSessionRow, ChargingMeterValue } from '../charging/tables.ts'

export interface Database extends
  SiteTables,
  HouseholdTables,
  DeviceTables,
  KioskTables,
  IngestTables,
  LedgerTables,
  PointsTables,
  ReviewTables,
  StaffTables,
  CounterTables,
  TelemetryTables,
  AuditTables,
  AlarmTables,
  JobTables,
  GateTables,
  WebSessionTables,
  ChargingTables,
  PickupTables,
  ReportTables,
  ResidentTables {}
