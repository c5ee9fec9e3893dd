// Long crash soak: `npm run soak -- --rounds 50 --seed N [--kiosks 6] [--households 20] [--keep]`.
// Simulated kiosks against the real backend process, killed with SIGKILL at
// seeded random moments and restarted on the same SQLite file; checks every
// guarantee (test/helpers/crash-soak.ts) and exits 1 if any failed. The same
// seed gives the same kill times and visits (timing still varies with the machine).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { runCrashSoak } from '../test/helpers/crash-soak.ts'

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '50' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    kiosks: { type: 'string', default: '6' },
    households: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false }
  }
})
const dir = mkdtempSync(join(tmpdir(), 'kiosk-soak-'))
const seed = Number(values.seed)
console.log(`crash soak: ${values.rounds} rounds, seed ${seed}, work dir ${dir}`)
const report = await runCrashSoak({ dir, rounds: Number(values.rounds), seed, kiosks: Number(values.kiosks), households: Number(values.households), log: line => console.log(line) })
console.log(JSON.stringify(report, null, 2))
if (!values.keep && report.problems.length === 0) rmSync(dir, { recursive: true, force: true })
if (report.problems.length > 0) {
  console.error(`FAILED (seed ${seed}); work dir kept: ${dir}`)
  process.exit(1)
}
console.log(`ok: ${report.depositsAcked} deposits acknowledged over ${report.rounds} crashes, none lost, none doubled`)
