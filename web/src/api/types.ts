// Types of the API's bodies, inferred from the zod schemas the server
// validates and documents with (schemas/): never copied by hand.
import type { z } from 'zod'
import type {
  adjustmentSchema, cardViewSchema, deadLetterSchema, deviceSchema, householdViewSchema, ledgerPageSchema,
  redemptionResultSchema, reviewItemSchema, shopItemSchema, siteSchema, staffSchema, householdSchema
} from '../../../schemas/http.ts'
import type { webSessionSchema } from '../../../schemas/web-session.ts'
import type { siteOverviewSchema } from '../../../schemas/site-overview.ts'
import type { alarmChangeSchema, alarmSchema, reportsSchema } from '../../../schemas/http-alarms.ts'
import type { accessLogPageSchema, issuedPassSchema } from '../../../schemas/http-gates.ts'
import type { settingsChangeSchema } from '../../../schemas/http-audit.ts'
import type { setTariffBodySchema, tariffVersionSchema } from '../../../schemas/http-charging.ts'
import type { AccessSchedule as ScheduleOfGate } from '../../../schemas/gate.ts'
import type { RateTable as SiteRateTable } from '../../../schemas/rate-table.ts'
import type { chargingSessionSchema, sessionDisputeSchema } from '../../../schemas/http-charging.ts'
import type { Tariff } from '../../../schemas/charging.ts'
import type { invitationSchema, residentSchema } from '../../../schemas/http-residents.ts'
import type { deviceCommandSchema, deviceEventSchema } from '../../../schemas/http-device-history.ts'
import type { deviceHealthSchema } from '../../../schemas/http-alarms.ts'
import type { gateStateSchema, remoteOpenResultSchema } from '../../../schemas/http-gates.ts'

export type Staff = z.infer<typeof staffSchema>
export type StaffRole = Staff['role']
export type WebSession = z.infer<typeof webSessionSchema>
export type Site = z.infer<typeof siteSchema>
export type Device = z.infer<typeof deviceSchema>
export type DeadLetter = z.infer<typeof deadLetterSchema>
export type DeviceEvent = z.infer<typeof deviceEventSchema>
export type DeviceCommand = z.infer<typeof deviceCommandSchema>
export type DeviceHealth = z.infer<typeof deviceHealthSchema>
export type GateState = z.infer<typeof gateStateSchema>
export type RemoteOpenResult = z.infer<typeof remoteOpenResultSchema>
export type Household = z.infer<typeof householdSchema>
export type HouseholdView = z.infer<typeof householdViewSchema>
export type CardView = z.infer<typeof cardViewSchema>
export type Card = CardView['card']
export type LedgerPage = z.infer<typeof ledgerPageSchema>
export type LedgerEntry = LedgerPage['entries'][number]
export type ShopItem = z.infer<typeof shopItemSchema>
export type RedemptionResult = z.infer<typeof redemptionResultSchema>
export type Adjustment = z.infer<typeof adjustmentSchema>
export type ReviewItem = z.infer<typeof reviewItemSchema>
export type SiteOverview = z.infer<typeof siteOverviewSchema>
export type Alarm = z.infer<typeof alarmSchema>
export type AlarmChange = z.infer<typeof alarmChangeSchema>
export type AlarmSeverity = Alarm['severity']
/** One `alarm` event of GET /api/events (services/http/routes/live-events.ts). */
export interface LiveAlarmEvent { changeId: number, action: string, atMs: number, actor: { kind: string, id: string }, toState: string, alarm: Alarm }
export type AccessLogPage = z.infer<typeof accessLogPageSchema>
export type AccessLogEntry = AccessLogPage['entries'][number]
export type IssuedPass = z.infer<typeof issuedPassSchema>
export type VisitorPass = IssuedPass['pass']
export type ChargingSession = z.infer<typeof chargingSessionSchema>
export type ChargingDispute = z.infer<typeof sessionDisputeSchema>
export type MeterValue = ChargingDispute['meterCurve'][number]
export type ChargingTariff = Tariff
export type Reports = z.infer<typeof reportsSchema>
export type SiteReport = Reports['total']
export type RateTable = SiteRateTable
export type AccessSchedule = ScheduleOfGate
export type TariffVersion = z.infer<typeof tariffVersionSchema>
/** The body of PUT …/charging-tariff as the page sends it (defaults filled by the server). */
export type SetTariffBody = z.input<typeof setTariffBodySchema>
export type SettingsChange = z.infer<typeof settingsChangeSchema>

export type Resident = z.infer<typeof residentSchema>
export type ResidentInvitation = z.infer<typeof invitationSchema>
