// The long fuzz run: `npm run fuzz -- --seconds 300 --seed N` splits the time
// between payload fuzzing and raw packet fuzzing, both seeded and bounded.
// A failure prints the seed; run it again with that seed to reproduce.
import { parseArgs } from 'node:util'
import t from 'tap'
import { runPayloadFuzz } from './lib/fuzz-payloads.ts'
import { runPacketFuzz } from './lib/fuzz-packets.ts'

const { values } = parseArgs({ args: process.argv.slice(2), options: { seconds: { type: 'string', default: '60' }, seed: { type: 'string' } } })
const seconds = Math.max(2, Number(values.seconds))
const seed = values.seed != null ? Number(values.seed) : Date.now() % 2 ** 31
if (!Number.isFinite(seconds) || !Number.isInteger(seed)) throw new Error('usage: npm run fuzz -- [--seconds 300] [--seed N]')

t.setTimeout((seconds + 120) * 1000)
t.comment(`fuzz: ${seconds} s, seed ${seed}`)
// at least the CI floor of cases, then on until the time is used up
t.test('payloads', t => runPayloadFuzz(t, { seed, cases: 150, keepGoingSeconds: seconds / 2, maxSeconds: seconds / 2 + 60 }))
t.test('raw packets', t => runPacketFuzz(t, { seed, cases: 400, keepGoingSeconds: seconds / 2, maxSeconds: seconds / 2 + 60 }))
