// The demo's story (issue #11's "done when") against a real backend on both
// stores: one resident's deposit, gate passages online and offline (replayed)
// and a charge paid with the points. The balances and ledger lines the story
// prints are compared with the store read independently here.
import t from 'tap'
import { provisionStory, runResidentStory, storyDeposit, storyTariff } from '../../device-sim/resident-story.ts'
import { defaultRateTable } from '../../schemas/rate-table.ts'
import { listAccess } from '../../services/gate/access-log.ts'
import { walletOf } from '../../services/ledger/holds.ts'
import { ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { linePoints } from '../../services/points/deposit-points.ts'
import { aSite } from '../fixtures/builders.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'

await eachBackendStore(t, 'one resident deposits, passes a gate online and offline, and charges with the points', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const scene = await provisionStory(db, backend.pepper, site.id, `story-${store}`)
  const narration: string[] = []
  const story = await runResidentStory(db, backend.mqttUrl, scene, line => narration.push(line))

  const earned = storyDeposit.reduce((sum, line) => sum + linePoints(line, defaultRateTable), 0)
  t.equal(story.depositPoints, earned, 'the kiosk showed what the site\'s rate table gives for the deposit')
  if (storyTariff.pricing.kind !== 'per_kwh') throw new Error('the story bills per kWh')
  const cost = Math.ceil(story.charging.energyWh * storyTariff.pricing.pointsPerKwh / 1000)
  t.ok(story.charging.energyWh > 0, 'the pile delivered energy')
  t.equal(story.charging.stopReason, 'FULL', 'the e-bike charged to full')
  t.equal(story.charging.costPoints, cost, 'billed from the pile\'s energy count')
  t.equal(story.charging.holdPoints, 300, 'the tariff\'s default hold, which the deposit covers')
  t.equal(story.charging.heldWhileCharging, story.charging.holdPoints, 'the hold was in force while charging')

  t.same(story.steps.map(s => [s.name, s.wallet, s.entries]), [
    ['deposit', { balancePoints: earned, heldPoints: 0, availablePoints: earned }, [{ kind: 'earn', points: earned, balanceAfter: earned }]],
    ['gate-online', { balancePoints: earned, heldPoints: 0, availablePoints: earned }, []],
    ['gate-offline', { balancePoints: earned, heldPoints: 0, availablePoints: earned }, []],
    ['charging-started', { balancePoints: earned, heldPoints: story.charging.holdPoints, availablePoints: earned - story.charging.holdPoints }, []],
    ['charging', { balancePoints: earned - cost, heldPoints: 0, availablePoints: earned - cost }, [{ kind: 'charge', points: -cost, balanceAfter: earned - cost }]]
  ], 'each step\'s wallet and new ledger entries')

  // what was printed is what the store holds
  const wallet = await walletOf(db, scene.householdId)
  t.equal(narration.filter(l => l.includes('wallet:')).at(-1)?.trim(),
    `wallet: balance ${wallet.balancePoints}, held ${wallet.heldPoints}, available ${wallet.availablePoints} points (¥${(wallet.availablePoints / 100).toFixed(2)})`)
  const entries = await db.selectFrom('ledger_entries').select(['kind', 'points', 'balance_after']).where('household_id', '=', scene.householdId).orderBy('created_at_ms').orderBy('id').execute()
  t.same(narration.filter(l => l.includes('ledger:')).map(l => l.trim()),
    entries.map(e => `ledger: ${e.kind} ${e.points > 0 ? '+' : ''}${e.points} points → balance ${e.balance_after}`), 'every ledger line printed, as stored')
  t.same(await ledgerInvariantViolations(db), [], 'balances equal the sum of their entries')

  const { rows } = await listAccess(db, { gateId: scene.gate.deviceId }, 10)
  t.same(rows.map(r => [r.event_id, r.mode, r.direction, r.decision]).sort(), [
    [story.gate.onlineEventId, 'online', 'in', 'allow'],
    [story.gate.offlineEventId, 'offline', 'out', 'allow']
  ].sort(), 'the online passage and the replayed offline decision, each logged once')
})
