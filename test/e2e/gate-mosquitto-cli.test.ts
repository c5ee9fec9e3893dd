// "Integrated from docs/protocol.md alone", for gates: runs the "Be the gate"
// walkthrough of the Gates section with the real mosquitto_pub/mosquitto_sub
// against a real backend. Every mosquitto line is read from the doc in order;
// only the port, the secret and the <type cmdId> placeholders (taken from the
// commands the previous mosquitto_sub printed) are filled in.
// Needs mosquitto-clients: fails under CI=true when missing, skips otherwise.
import { execFile, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { gateCommandSchema, type GateCommand } from '../../schemas/gate.ts'
import { listAccess } from '../../services/gate/access-log.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { inCI } from '../helpers/env.ts'

const missing = ['mosquitto_pub', 'mosquitto_sub'].filter(b => spawnSync(b, ['--help'], { stdio: 'ignore' }).error != null)
const skipReason = missing.length > 0 ? `${missing.join(' and ')} not installed (apt-get install mosquitto-clients); required under CI=true` : false

const doc = readFileSync(fileURLToPath(new URL('../../docs/protocol.md', import.meta.url)), 'utf8')

function walkthrough () {
  const start = doc.indexOf('### Be the gate')
  const end = doc.indexOf('Staff see both passages', start)
  if (start < 0 || end < start) throw new Error('docs/protocol.md: "Be the gate" … "Staff see both passages" not found')
  const section = doc.slice(start, end).replace(/\\\n\s*/g, ' ')
  const mqLine = /^MQ=\((.*)\)$/m.exec(section)?.[1]
  if (mqLine == null) throw new Error('the MQ=(…) line of "Be the gate" not found')
  return { mqLine, steps: [...section.matchAll(/^\s*(mosquitto_(?:pub|sub) .*?)(?:\s+#.*)?$/gm)].map(m => m[1] ?? '') }
}

function shellWords (line: string, vars: Record<string, string>): string[] {
  const expand = (s: string) => s.replace(/\$([A-Z]+)/g, (_m, v: string) => vars[v] ?? `$${v}`)
  return [...line.matchAll(/"\$\{MQ\[@\]\}"|'([^']*)'|"([^"]*)"|(\S+)/g)].map(m =>
    m[0] === '"${MQ[@]}"' ? '${MQ[@]}' : m[1] ?? expand(m[2] ?? m[3] ?? ''))
}

function run (bin: string, args: string[]): Promise<{ code: number | null, stdout: string, stderr: string }> {
  return new Promise(resolve => {
    execFile(bin, args, { timeout: 15_000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err == null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : null, stdout, stderr })
    })
  })
}

const options = skipReason !== false && inCI ? {} : { skip: skipReason }
t.test('the gate walkthrough of docs/protocol.md works with the real mosquitto clients', options, async t => {
  if (skipReason !== false) return t.fail(skipReason)
  const backend = await startTestBackend(t)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aGate(db, site.id, { id: 'gate-01', releaseMs: 5000 })
  const { household } = await aHouseholdWithCard(db, site.id, { card: 'CARD0001' })
  const vars = { ID: device.id, SECRET: secret }
  const { mqLine, steps } = walkthrough()
  const mq = shellWords(mqLine, vars)
  mq[mq.indexOf('-p') + 1] = String(backend.mqttPort)
  t.same(mq, ['-V', 'mqttv311', '-h', '127.0.0.1', '-p', String(backend.mqttPort), '-i', 'gate-01', '-u', 'gate-01', '-P', secret, '-q', '1'])
  t.ok(steps.length >= 9, `${steps.length} mosquitto commands`)

  const placeholders: Record<string, string> = {}
  const read: GateCommand[] = []
  for (const step of steps) {
    const filled = step.replace(/<([a-z -]+ cmdId)>/g, (m, name: string) => {
      const value = placeholders[name]
      if (value == null) throw new Error(`the step uses ${m} before a mosquitto_sub printed it: ${step}`)
      return value
    })
    const [bin, ...rest] = shellWords(filled, vars)
    const result = await run(bin ?? '', rest.flatMap(w => (w === '${MQ[@]}' ? mq : [w])))
    t.equal(result.code, 0, `${step.slice(0, 100)}${result.stderr !== '' ? ` (stderr: ${result.stderr.trim()})` : ''}`)
    if (bin === 'mosquitto_sub') {
      for (const line of result.stdout.trim().split('\n')) {
        const command = gateCommandSchema.parse(JSON.parse(line))
        read.push(command)
        placeholders[`${command.type} cmdId`] = command.cmdId
      }
    }
  }

  t.same(read.slice(0, 3).map(c => c.type).sort(), ['allow-list-full', 'gate-config', 'time-sync'], 'a connect brings the time, the settings and the list')
  t.same(read.slice(3).map(c => c.type).sort(), ['gate-config', 'gate-open', 'time-sync'], 'the second subscribe brings the open, with a fresh time and settings')
  t.match(read.find(c => c.type === 'gate-open'), { requestEventId: 'gate-0004', reader: 0, releaseMs: 5000 })
  const gate = await db.selectFrom('gates').select('list_acked_version').where('device_id', '=', device.id).executeTakeFirstOrThrow()
  t.equal(gate.list_acked_version, 1, 'the gate holds list version 1')
  const open = await db.selectFrom('commands').select('status').where('type', '=', 'gate-open').executeTakeFirstOrThrow()
  t.equal(open.status, 'acked')
  const { rows } = await listAccess(db, { gateId: device.id }, 10)
  // newest first: the online passage happened now, the offline one at the gate's (earlier) ts
  t.match(rows, [
    { event_id: 'gate-0004', mode: 'online', direction: 'in', decision: 'allow', household_id: household.id },
    { event_id: 'gate-0006', mode: 'offline', direction: 'out', decision: 'allow', household_id: household.id, at_ms: 1767225700000 }
  ], 'both passages, the replayed one once')
  t.equal(rows.length, 2)
  t.same(await db.selectFrom('dead_letters').select('id').execute(), [], 'nothing dead-lettered')
})
