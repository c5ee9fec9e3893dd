// One resident's day, end to end against a running backend (issue #11's
// "done when"): a deposit at a kiosk earns points, the resident walks through a
// gate online and once more while the gate is offline (that decision reaches
// the backend later, replayed), then charges an e-bike at a pile paid with
// those points: hold, meter values, stop, settlement. Every balance and ledger
// line it reports is read back from the store after the step, not computed here.
import type { DepositLine } from '../schemas/device-events.ts'
import { chargingLimitsSchema, type Tariff } from '../schemas/charging.ts'
import type { Pepper } from '../services/devices/pepper.ts'
import { addTariffVersion } from '../services/charging/tariff-repository.ts'
import { provisionDevice } from '../services/devices/device-registry.ts'
import { listAccess } from '../services/gate/access-log.ts'
import { configureGate } from '../services/gate/gate-repository.ts'
import { linkCard } from '../services/households/card-registry.ts'
import { createHousehold } from '../services/households/household-registry.ts'
import { walletOf, type Wallet } from '../services/ledger/holds.ts'
import type { Executor } from '../services/store/executor.ts'
import { SimCharger } from './charger.ts'
import { SimGate } from './gate.ts'
import { SimKiosk } from './kiosk.ts'
import { waitUntil } from './wait-until.ts'

export interface StoryDevice { deviceId: string, secret: string }
export interface StoryScene { siteId: string, householdId: string, card: string, kiosk: StoryDevice, gate: StoryDevice, pile: StoryDevice }

/** What the resident drops at the kiosk: 5 kg paper, 3 kg plastic, 2 kg metal. */
export const storyDeposit: DepositLine[] = [
  { category: 'paper', grams: 5000 }, { category: 'plastic', grams: 3000 }, { category: 'metal', grams: 2000 }
]
/** 1 yuan per kWh; a session holds 3 yuan up front. */
export const storyTariff: Omit<Tariff, 'tariffId' | 'version'> = { pricing: { kind: 'per_kwh', pointsPerKwh: 100 }, startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 }

/** The household, its card and the three devices of the story, at an existing site. */
export async function provisionStory (db: Executor, pepper: Pepper, siteId: string, prefix = 'story'): Promise<StoryScene> {
  const household = await createHousehold(db, { siteId, label: '3-1-502' })
  const card = await linkCard(db, { uid: `${prefix.toUpperCase().replace(/[^A-Z0-9]/g, '')}0001`, householdId: household.id })
  const kiosk = await provisionDevice(db, pepper, { id: `${prefix}-kiosk`, siteId, kind: 'kiosk' })
  const gate = await provisionDevice(db, pepper, { id: `${prefix}-gate`, siteId, kind: 'gate' })
  await configureGate(db, { deviceId: gate.device.id, directions: ['in', 'out'], zoneId: null, releaseMs: 3000 })
  const pile = await provisionDevice(db, pepper, { id: `${prefix}-pile`, siteId, kind: 'charger' })
  await addTariffVersion(db, {
    siteId, deviceId: null, tariff: storyTariff, limits: chargingLimitsSchema.parse({}),
    holdDefaultPoints: 300, holdMaxPoints: 1000, createdBy: 'demo', nowMs: Date.now()
  })
  const creds = (p: { device: { id: string }, secret: string }): StoryDevice => ({ deviceId: p.device.id, secret: p.secret })
  return { siteId, householdId: household.id, card: card.uid, kiosk: creds(kiosk), gate: creds(gate), pile: creds(pile) }
}

export interface StoryLedgerLine { kind: string, points: number, balanceAfter: number }
export interface StoryStep {
  name: 'deposit' | 'gate-online' | 'gate-offline' | 'charging-started' | 'charging'
  /** The household's wallet read from the store after the step. */
  wallet: Wallet
  /** Ledger entries the step added, oldest first, read from the store. */
  entries: StoryLedgerLine[]
}

export interface StoryResult {
  steps: StoryStep[]
  depositPoints: number
  gate: { onlineEventId: string, offlineEventId: string }
  charging: { sessionId: string, holdPoints: number, heldWhileCharging: number, stopReason: string, energyWh: number, costPoints: number }
}

export async function runResidentStory (db: Executor, mqttUrl: string, scene: StoryScene, say: (line: string) => void = () => {}): Promise<StoryResult> {
  const steps: StoryStep[] = []
  let seen = 0
  const record = async (name: StoryStep['name']): Promise<StoryStep> => {
    const rows = await db.selectFrom('ledger_entries').select(['kind', 'points', 'balance_after'])
      .where('household_id', '=', scene.householdId).orderBy('created_at_ms').orderBy('id').execute()
    const step = { name, wallet: await walletOf(db, scene.householdId), entries: rows.slice(seen).map(r => ({ kind: r.kind, points: r.points, balanceAfter: r.balance_after })) }
    seen = rows.length
    steps.push(step)
    for (const e of step.entries) say(`    ledger: ${e.kind} ${e.points > 0 ? '+' : ''}${e.points} points → balance ${e.balanceAfter}`)
    say(`    wallet: balance ${step.wallet.balancePoints}, held ${step.wallet.heldPoints}, available ${step.wallet.availablePoints} points (${yuan(step.wallet.availablePoints)})`)
    return step
  }

  // 1. the kiosk
  say(`\n1. Household 3-1-502 swipes card ${scene.card} at kiosk ${scene.kiosk.deviceId} and drops 5 kg paper, 3 kg plastic, 2 kg metal.`)
  const kiosk = new SimKiosk({ mqttUrl, deviceId: scene.kiosk.deviceId, secret: scene.kiosk.secret, heartbeatS: 0 })
  await kiosk.start()
  const visit = await kiosk.visit(scene.card, storyDeposit)
  await kiosk.close()
  if (visit.outcome !== 'deposited') throw new Error(`the deposit did not go through: ${JSON.stringify(visit)}`)
  say(`    the kiosk shows: +${visit.pointsEarned ?? 0} points, balance ${visit.balancePoints ?? 0}`)
  await record('deposit')

  // 2. the gate, online then offline
  const gate = new SimGate({ mqttUrl, deviceId: scene.gate.deviceId, siteId: scene.siteId, secret: scene.gate.secret })
  let online, offline
  try {
    await gate.start()
    await waitUntil(() => gate.listVersion > 0 && gate.clockSynced, 'the gate holds its allow-list and a synced clock')
    say(`\n2. The resident walks in through gate ${scene.gate.deviceId} (allow-list version ${gate.listVersion} on board).`)
    online = await gate.present({ kind: 'card', card: scene.card }, 'in')
    if (online.result !== 'allow') throw new Error(`the gate did not open: ${JSON.stringify(online)}`)
    say(`    decided by the ${online.decidedBy}: ${online.result}`)
    await waitUntil(() => gate.pendingEvents === 0, 'the gate\'s events are acknowledged')
    await record('gate-online')

    say('\n3. The network drops; the resident walks out. The gate decides alone from its list and keeps the decision.')
    await gate.goOffline()
    offline = await gate.present({ kind: 'card', card: scene.card }, 'out')
    say(`    decided by the ${offline.decidedBy}: ${offline.result}; ${gate.pendingEvents} event(s) buffered`)
    await gate.goOnline()
    await waitUntil(() => gate.online && gate.pendingEvents === 0, 'the gate replayed its buffer')
    const logged = await listAccess(db, { gateId: scene.gate.deviceId, householdId: scene.householdId }, 10)
    say('    back online, the access log holds:')
    for (const row of logged.rows.slice().reverse()) say(`      ${row.direction ?? '-'} ${row.decision} (${row.mode}${row.mode === 'offline' ? ', replayed later' : ''})`)
    await record('gate-offline')
  } finally {
    await gate.close()
  }

  // 4. the pile: its clock runs 18 000 times faster, so a six-hour CC/CV charge takes about a second
  // (long enough that the hold is read from the store before the session can end)
  say(`\n4. The resident plugs an e-bike into pile ${scene.pile.deviceId} port 1 and swipes (tariff: ${storyTariff.pricing.kind === 'per_kwh' ? `${storyTariff.pricing.pointsPerKwh} points per kWh` : 'per hour'}).`)
  const pile = new SimCharger({ mqttUrl, deviceId: scene.pile.deviceId, secret: scene.pile.secret, deviceStepMs: 30 * 60_000, tickMs: 100 })
  try {
    await pile.start()
    const started = await pile.swipe(scene.card, 1)
    if (started.outcome !== 'started') throw new Error(`charging did not start: ${JSON.stringify(started)}`)
    say(`    session ${started.sessionId} started: ${started.holdPoints} points held`)
    const heldWhileCharging = (await record('charging-started')).wallet.heldPoints
    say('    charging: a meter value every 30 minutes of pile time…')
    const stopReason = await pile.sessions.get(1)!.stopped
    await waitUntil(async () => (await db.selectFrom('charging_sessions').select('status').where('id', '=', started.sessionId).executeTakeFirstOrThrow()).status === 'stopped',
      'the session is settled')
    const session = await db.selectFrom('charging_sessions').select(['cost_points', 'state']).where('id', '=', started.sessionId).executeTakeFirstOrThrow()
    const meterValues = (await db.selectFrom('charging_meter_values').select('seq').where('session_id', '=', started.sessionId).execute()).length
    const { stop } = JSON.parse(session.state) as { stop: { energyWh: number } | null }
    const energyWh = stop?.energyWh ?? 0
    say(`    stopped ${stopReason} after ${meterValues} meter values: ${energyWh} Wh, cost ${session.cost_points ?? 0} points; the rest of the hold is released`)
    await record('charging')
    return {
      steps,
      depositPoints: visit.pointsEarned ?? 0,
      gate: { onlineEventId: online.eventId, offlineEventId: offline.eventId },
      charging: { sessionId: started.sessionId, holdPoints: started.holdPoints, heldWhileCharging, stopReason, energyWh, costPoints: session.cost_points ?? 0 }
    }
  } finally {
    await pile.close()
  }
}

const yuan = (points: number): string => `¥${(points / 100).toFixed(2)}`
