// One function per API call the pages make (docs/http-api.md, OpenAPI at /docs).
import { request } from './client.ts'
import type {
  AccessSchedule, RateTable, SetTariffBody, SettingsChange, TariffVersion, VisitorPass,
  DeviceCommand, DeviceEvent, DeviceHealth, GateState, RemoteOpenResult,
  AccessLogPage, Reports, Adjustment, Alarm, AlarmChange, ChargingDispute, ChargingSession, IssuedPass, Card, CardView, DeadLetter, Device, Household, LedgerPage, RedemptionResult, Resident, ResidentInvitation, ReviewItem, ShopItem, Site, SiteOverview, WebSession
} from './types.ts'

const enc = encodeURIComponent

export const api = {
  signIn: (username: string, password: string) => request<WebSession>('POST', '/session', { username, password }),
  session: () => request<WebSession>('GET', '/session'),
  signOut: () => request<void>('DELETE', '/session'),

  sites: () => request<{ sites: Site[] }>('GET', '/sites'),
  overview: (siteId: string) => request<SiteOverview>('GET', `/sites/${enc(siteId)}/overview`),
  devices: (siteId: string) => request<{ devices: Device[] }>('GET', `/sites/${enc(siteId)}/devices`),
  disableDevice: (deviceId: string) => request<Device>('POST', `/devices/${enc(deviceId)}/disable`),
  enableDevice: (deviceId: string) => request<Device>('POST', `/devices/${enc(deviceId)}/enable`),
  rotateDeviceSecret: (deviceId: string) => request<{ device: Device, secret: string }>('POST', `/devices/${enc(deviceId)}/rotate-secret`),
  device: (deviceId: string) => request<Device>('GET', `/devices/${enc(deviceId)}`),
  deviceHealth: (deviceId: string) => request<DeviceHealth>('GET', `/devices/${enc(deviceId)}/health`),
  deviceEvents: (deviceId: string, limit = 20) => request<{ events: DeviceEvent[] }>('GET', `/devices/${enc(deviceId)}/events?limit=${limit}`),
  deviceCommands: (deviceId: string, limit = 20) => request<{ commands: DeviceCommand[] }>('GET', `/devices/${enc(deviceId)}/commands?limit=${limit}`),
  gateState: (deviceId: string) => request<GateState>('GET', `/gates/${enc(deviceId)}`),
  /** Answers when the gate acks, refuses, or does not answer within the API's wait (10 s). */
  remoteOpen: (deviceId: string, reason: string) => request<RemoteOpenResult>('POST', `/gates/${enc(deviceId)}/open`, { reason }),
  deadLetters: (deviceId: string, limit = 20) => request<{ deadLetters: DeadLetter[] }>('GET', `/devices/${enc(deviceId)}/dead-letters?limit=${limit}`),

  households: (siteId: string, labelPrefix: string) => request<{ households: Household[] }>('GET', `/households?siteId=${enc(siteId)}&label=${enc(labelPrefix)}&limit=20`),
  card: (uid: string) => request<CardView>('GET', `/cards/${enc(uid)}`),
  reportCardLost: (uid: string) => request<Card>('POST', `/cards/${enc(uid)}/report-lost`),
  linkCard: (householdId: string, uid: string) => request<Card>('POST', `/households/${enc(householdId)}/cards`, { uid }),
  ledger: (householdId: string, limit = 10) => request<LedgerPage>('GET', `/households/${enc(householdId)}/ledger?limit=${limit}`),
  shopItems: (siteId: string) => request<{ items: ShopItem[] }>('GET', `/sites/${enc(siteId)}/shop-items`),
  /** `key` is the Idempotency-Key: a retry of the same redemption sends the same key and is applied once. */
  redeemCash: (householdId: string, points: number, key: string) =>
    request<RedemptionResult>('POST', '/redemptions', { householdId, kind: 'cash', points }, { 'idempotency-key': key }),
  redeemItem: (householdId: string, itemId: string, quantity: number, key: string) =>
    request<RedemptionResult>('POST', '/redemptions', { householdId, kind: 'item', itemId, quantity }, { 'idempotency-key': key }),

  residents: (householdId: string) => request<{ residents: Resident[] }>('GET', `/households/${enc(householdId)}/residents`),
  inviteResident: (householdId: string, phone: string, name?: string) =>
    request<ResidentInvitation>('POST', `/households/${enc(householdId)}/resident-invitations`, name == null ? { phone } : { phone, name }),
  deactivateResident: (residentId: string) => request<Resident>('POST', `/residents/${enc(residentId)}/deactivate`),

  requestAdjustment: (householdId: string, points: number, reason: string) => request<Adjustment>('POST', '/adjustments', { householdId, points, reason }),
  adjustments: (siteId: string) => request<{ adjustments: Adjustment[] }>('GET', `/adjustments?status=pending&siteId=${enc(siteId)}`),
  decideAdjustment: (id: string, decision: 'approve' | 'reject') => request<unknown>('POST', `/adjustments/${enc(id)}/${decision}`),
  reviewItems: (siteId: string) => request<{ reviewItems: ReviewItem[] }>('GET', `/review-items?status=pending&siteId=${enc(siteId)}`),
  decideReviewItem: (id: string, decision: 'approve' | 'reject') => request<unknown>('POST', `/review-items/${enc(id)}/${decision}`),

  alarms: (siteId: string) => request<{ alarms: Alarm[] }>('GET', `/alarms?siteId=${enc(siteId)}`),
  alarmHistory: (siteId: string, limit = 100) => request<{ alarms: Alarm[] }>('GET', `/alarms/history?siteId=${enc(siteId)}&limit=${limit}`),
  alarm: (alarmId: string) => request<{ alarm: Alarm, changes: AlarmChange[] }>('GET', `/alarms/${enc(alarmId)}`),
  acknowledgeAlarm: (alarmId: string) => request<Alarm>('POST', `/alarms/${enc(alarmId)}/acknowledge`),
  clearAlarm: (alarmId: string) => request<Alarm>('POST', `/alarms/${enc(alarmId)}/clear`),
  shelveAlarm: (alarmId: string, reason: string, untilMs: number) => request<Alarm>('POST', `/alarms/${enc(alarmId)}/shelve`, { reason, untilMs }),

  /** `query` from accessLogQuery() (web/src/access-log-query.ts); the CSV link uses the same. */
  accessLog: (siteId: string, query: string) => request<AccessLogPage>('GET', `/sites/${enc(siteId)}/access-log?${query}`),
  issueVisitorPass: (siteId: string, body: { gates: string[], validFromMs: number, validUntilMs: number, maxUses: number, visitor?: string }) =>
    request<IssuedPass>('POST', `/sites/${enc(siteId)}/visitor-passes`, body),
  blockCard: (uid: string) => request<Card>('POST', `/cards/${enc(uid)}/block`),
  /** Every pass of the site, revoked and ended ones too, newest first. */
  visitorPasses: (siteId: string, limit = 100) => request<{ passes: VisitorPass[] }>('GET', `/sites/${enc(siteId)}/visitor-passes?all=true&limit=${limit}`),
  revokeVisitorPass: (passId: string) => request<VisitorPass>('POST', `/visitor-passes/${enc(passId)}/revoke`),

  pileSessions: (deviceId: string, limit = 50) => request<{ sessions: ChargingSession[] }>('GET', `/devices/${enc(deviceId)}/charging-sessions?limit=${limit}`),
  chargingDispute: (sessionId: string) => request<ChargingDispute>('GET', `/charging/sessions/${enc(sessionId)}`),

  // settings (manager): rates, tariffs, schedules and holidays, and who changed them
  site: (siteId: string) => request<Site>('GET', `/sites/${enc(siteId)}`),
  setRates: (siteId: string, rates: RateTable) => request<Site>('PUT', `/sites/${enc(siteId)}/rates`, rates),
  /** `deviceId` null: the site's own versions; else that pile's. */
  tariffVersions: (siteId: string, deviceId: string | null) => request<{ versions: TariffVersion[] }>('GET', `/sites/${enc(siteId)}/charging-tariffs${deviceId == null ? '' : `?deviceId=${enc(deviceId)}`}`),
  setTariff: (siteId: string, deviceId: string | null, body: SetTariffBody) =>
    request<TariffVersion>('PUT', deviceId == null ? `/sites/${enc(siteId)}/charging-tariff` : `/devices/${enc(deviceId)}/charging-tariff`, body),
  schedules: (siteId: string) => request<{ schedules: AccessSchedule[] }>('GET', `/sites/${enc(siteId)}/access-schedules`),
  putSchedule: (siteId: string, scheduleId: string, body: Omit<AccessSchedule, 'id'>) => request<{ ok: true }>('PUT', `/sites/${enc(siteId)}/access-schedules/${enc(scheduleId)}`, body),
  holidays: (siteId: string) => request<{ holidays: string[] }>('GET', `/sites/${enc(siteId)}/holidays`),
  setHolidays: (siteId: string, holidays: string[]) => request<{ ok: true }>('PUT', `/sites/${enc(siteId)}/holidays`, { holidays }),
  settingsChanges: (siteId: string, limit = 50) => request<{ changes: SettingsChange[] }>('GET', `/sites/${enc(siteId)}/settings-changes?limit=${limit}`),

  /** `query` from reportQuery() (web/src/report-query.ts); the CSV link uses the same with format=csv. */
  reports: (query: string) => request<Reports>('GET', `/reports?${query}`)
}
