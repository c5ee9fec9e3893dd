// One pass of the alarm sweep (run by alarm-job.ts under a lease, so once
// across processes): expire shelves, apply the backend rules, group floods,
// then record the notifications that are due. The order matters: alarms a
// flood groups in this pass are already grouped when notifications are
// computed, so they never notify on their own.
import type { Executor } from '../store/executor.ts'
import type { AlarmConfig } from './alarm-config.ts'
import { changeAlarm, currentAlarms, expiredShelves, findOpenAlarm, raiseAlarm, siteAlarmsOpenOrSince } from './alarm-repository.ts'
import { alarmTypes, binFullRule, deniedSwipesRule, noDepositsRule, offlineRule, outboxNearFullRule, type RuleDecision } from './alarm-rules.ts'
import { openPickup } from '../pickups/pickup-repository.ts'
import { notificationsDue, type Notification } from './escalation.ts'
import { floodDecisions, floodKey } from './flood.ts'
import { recordNotifications, sentNotificationKeys } from './notification-repository.ts'
import { activeAlarmKeys, binInputs, deniedSwipeInputs, depositInputs, presenceInputs } from './sweep-inputs.ts'

const system = { kind: 'system' as const, id: 'alarm-sweep' }

export interface SweepInputs {
  /** The telemetry outbox's depth (read from the store: the sweep may run where no shipper does) and bound, when telemetry is on. */
  outbox?: () => Promise<{ depth: number, maxRows: number } | undefined> | { depth: number, maxRows: number } | undefined
}

export interface SweepReport {
  shelvesExpired: number
  raised: number
  cleared: number
  floods: { raised: number, cleared: number, grouped: number }
  notifications: Notification[]
}

export async function runAlarmSweep (db: Executor, config: AlarmConfig, inputs: SweepInputs, nowMs: number): Promise<SweepReport> {
  const report: SweepReport = { shelvesExpired: 0, raised: 0, cleared: 0, floods: { raised: 0, cleared: 0, grouped: 0 }, notifications: [] }
  for (const alarm of await expiredShelves(db, nowMs)) {
    if ((await changeAlarm(db, alarm.id, { kind: 'expire-shelf' }, system, nowMs)).ok) report.shelvesExpired++
  }
  for (const [rule, decisions] of await ruleDecisions(db, config, inputs, nowMs)) {
    for (const decision of decisions) {
      if (await applyDecision(db, rule, decision, nowMs)) report[decision.action === 'raise' ? 'raised' : 'cleared']++
    }
  }
  await groupFloods(db, config, nowMs, report)
  const open = await currentAlarms(db, { limit: 100_000 })
  // reminders sent within two periods: the current one was sent within the last period (the second covers a late pass)
  const due = notificationsDue(open, await sentNotificationKeys(db, nowMs - 2 * config.escalation.reminderEveryMs), config.escalation, nowMs)
  report.notifications = await recordNotifications(db, due, new Map(open.map(a => [a.id, a])))
  return report
}

async function ruleDecisions (db: Executor, config: AlarmConfig, inputs: SweepInputs, nowMs: number): Promise<Array<[string, RuleDecision[]]>> {
  const active = await activeAlarmKeys(db, [alarmTypes.offline, alarmTypes.binFull, alarmTypes.noDeposits, alarmTypes.deniedCard, alarmTypes.deniedGate, alarmTypes.outboxNearFull])
  const deviceIds = (type: string) => active.filter(k => k.type === type && k.deviceId != null).map(k => k.deviceId as string)
  const devices = await presenceInputs(db, nowMs - config.offline.offlineAfterMs, deviceIds(alarmTypes.offline))
  const kiosks = await depositInputs(db, { days: config.noDeposits.minHistoryDays, quietMs: config.noDeposits.quietMs }, deviceIds(alarmTypes.noDeposits), nowMs)
  const outbox = await inputs.outbox?.()
  return [
    ['offline', offlineRule({ devices, active }, config.offline, nowMs)],
    ['bin-full', binFullRule({ devices: await binInputs(db), active }, config.binFull, nowMs)],
    ['no-deposits', noDepositsRule({ kiosks, active }, config.noDeposits, nowMs)],
    ['denied-swipes', deniedSwipesRule({ denies: await deniedSwipeInputs(db, config.deniedSwipes.windowMs, nowMs), active }, config.deniedSwipes, nowMs)],
    ['outbox-near-full', outbox != null ? outboxNearFullRule({ ...outbox, active }, config.outboxNearFull, nowMs) : []]
  ]
}

async function applyDecision (db: Executor, rule: string, decision: RuleDecision, nowMs: number): Promise<boolean> {
  const actor = { kind: 'rule' as const, id: rule }
  if (decision.action === 'raise') {
    const raised = await raiseAlarm(db, { key: decision.key, severity: decision.severity, message: decision.message }, actor, nowMs, { edge: true })
    // a full bin needs emptying: its pickup task (one open per bin, docs/pickups.md)
    if (raised.ok && decision.key.type === alarmTypes.binFull && decision.key.siteId != null && decision.key.deviceId != null) {
      await openPickup(db, { siteId: decision.key.siteId, deviceId: decision.key.deviceId, category: decision.key.source, alarmId: raised.alarm.id, by: 'rule:bin-full', nowMs })
    }
    return raised.ok
  }
  const open = await findOpenAlarm(db, decision.key)
  return open != null && (await changeAlarm(db, open.id, { kind: 'clear' }, actor, nowMs)).ok
}

/** Open alarms and those opened within the flood window, per site → raise, clear or extend each site's flood. */
async function groupFloods (db: Executor, config: AlarmConfig, nowMs: number, report: SweepReport): Promise<void> {
  const all = await siteAlarmsOpenOrSince(db, nowMs - config.flood.windowMs)
  const rule = { kind: 'rule' as const, id: 'flood' }
  for (const decision of floodDecisions(all, config.flood, nowMs)) {
    let floodId = decision.floodAlarmId
    if (decision.action === 'raise') {
      const raised = await raiseAlarm(db, { key: floodKey(decision.siteId), severity: 'critical', message: `${decision.newInWindow} new alarms in ${Math.round(config.flood.windowMs / 60_000)} min` }, rule, nowMs, { edge: true })
      if (!raised.ok) continue
      floodId = raised.alarm.id
      report.floods.raised++
    } else if (decision.action === 'clear' && floodId != null) {
      if ((await changeAlarm(db, floodId, { kind: 'clear' }, rule, nowMs)).ok) report.floods.cleared++
      continue
    }
    if (floodId == null) continue
    for (const id of decision.group) {
      if ((await changeAlarm(db, id, { kind: 'group', floodAlarmId: floodId }, rule, nowMs)).ok) report.floods.grouped++
    }
  }
}
