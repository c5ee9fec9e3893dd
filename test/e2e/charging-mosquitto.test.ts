// "A pile maker can integrate from docs/protocol.md alone": runs the charging
// walkthrough of docs/protocol.md §12 with the real mosquitto_pub and
// mosquitto_sub against a real backend, reading the commands from the doc
// itself; only the port, the secret and the <placeholders> are filled in. The
// scene is the one the doc describes: CARD0001 with the 174 points of §11, a
// site tariff of 120 points per hour per started minute.
// Needs mosquitto-clients: fails under CI=true when missing, skips otherwise.
import { execFile, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { commandSchema, type Command } from '../../schemas/device-commands.ts'
import { walletOf } from '../../services/ledger/holds.ts'
import { appendEntry } from '../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aCharger, aChargingTariff } from '../fixtures/charging-scene.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { inCI } from '../helpers/env.ts'

const missing = ['mosquitto_pub', 'mosquitto_sub'].filter(b => spawnSync(b, ['--help'], { stdio: 'ignore' }).error != null)
const skip = missing.length > 0 && !inCI ? `${missing.join(' and ')} not installed (apt-get install mosquitto-clients); required under CI=true` : false

function run (bin: string, args: string[]): Promise<{ code: number | null, stdout: string, stderr: string }> {
  return new Promise(resolve => {
    execFile(bin, args, { timeout: 15_000 }, (err, stdout, stderr) => {
      resolve({ code: err == null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : null, stdout, stderr })
    })
  })
}

/** Shell words of one command line: '…' literal, "…" and bare words with $VAR expanded, "${MQ[@]}" kept as a marker. */
function shellWords (line: string, vars: Record<string, string>): string[] {
  const expand = (s: string) => s.replace(/\$([A-Z]+)/g, (_m, v: string) => vars[v] ?? `$${v}`)
  return [...line.matchAll(/"\$\{MQ\[@\]\}"|'([^']*)'|"([^"]*)"|(\S+)/g)].map(m => m[0] === '"${MQ[@]}"' ? '${MQ[@]}' : m[1] ?? expand(m[2] ?? m[3] ?? ''))
}

const doc = readFileSync(fileURLToPath(new URL('../../docs/protocol.md', import.meta.url)), 'utf8')

t.test('the charging walkthrough of docs/protocol.md §12 works with the real mosquitto clients', { skip }, async t => {
  if (missing.length > 0) throw new Error(`${missing.join(' and ')} not installed; required under CI=true`)
  const section = doc.slice(doc.indexOf('### Walkthrough (mosquitto)')).replace(/\\\n\s*/g, ' ')
  const mqLine = /^MQ=\((.*)\)$/m.exec(doc)?.[1]
  const deviceId = /^ID=(\S+)$/m.exec(section)?.[1]
  if (mqLine == null || deviceId == null) throw new Error('docs/protocol.md: the MQ=(…) line of §11 or the ID= line of §12 not found')
  const steps = [...section.matchAll(/^\s*(mosquitto_(?:pub|sub) .*?)(?:\s+#.*)?$/gm)].map(m => m[1] ?? '')
  t.ok(steps.length >= 6, `the walkthrough has ${steps.length} mosquitto commands`)

  const backend = await startTestBackend(t)
  const { db } = backend.store
  const site = await aSite(db)
  await aChargingTariff(db, site.id, { tariff: { pricing: { kind: 'per_hour', pointsPerHour: 120, billingUnit: 'minute' }, startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 }, holdDefaultPoints: 500, holdMaxPoints: 2000 })
  const { device, secret } = await aCharger(db, site.id, deviceId)
  const { household } = await aHouseholdWithCard(db, site.id, { card: 'CARD0001' })
  await appendEntry(db, { householdId: household.id, kind: 'earn', points: 174, idempotencyKey: 'kiosk walkthrough', nowMs: 1 })
  const vars = { ID: device.id, SECRET: secret }
  const mq = shellWords(mqLine, vars)
  mq[mq.indexOf('-p') + 1] = String(backend.mqttPort)

  const placeholders: Record<string, string> = {}
  const received: Command[] = []
  for (const step of steps) {
    const filled = step.replace(/<([a-zA-Z ]+)>/g, (m, name: string) => {
      const value = placeholders[name]
      if (value == null) throw new Error(`walkthrough step uses ${m} before any command provided it: ${step}`)
      return value
    })
    const [bin, ...rest] = shellWords(filled, vars)
    const result = await run(bin ?? '', rest.flatMap(w => (w === '${MQ[@]}' ? mq : [w])))
    t.equal(result.code, 0, `${step.slice(0, 110)}${result.stderr !== '' ? ` (stderr: ${result.stderr.trim()})` : ''}`)
    if (bin === 'mosquitto_sub') {
      const command = commandSchema.parse(JSON.parse(result.stdout.trim()))
      received.push(command)
      if (command.type === 'start-charging') Object.assign(placeholders, { cmdId: command.cmdId, sessionId: command.sessionId })
    }
  }

  t.match(received, [{ type: 'start-charging', port: 1, holdPoints: 174 }], 'the swipe is answered with start-charging, holding the 174 points')
  t.match(doc, /"port":1,"holdPoints":174\}/, 'as the doc shows')
  t.same(await walletOf(db, household.id), { balancePoints: 54, heldPoints: 0, availablePoints: 54 }, '120 points charged, 54 left, as the doc says')
  t.match(doc, /balance --card CARD0001 {6}# 54/)
  const session = await db.selectFrom('charging_sessions').select(['status', 'cost_points']).executeTakeFirstOrThrow()
  t.same(session, { status: 'stopped', cost_points: 120 })
  t.same(await db.selectFrom('dead_letters').select('id').execute(), [], 'no walkthrough event was dead-lettered')
})
