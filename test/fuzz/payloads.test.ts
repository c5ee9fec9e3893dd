// CI variant of the payload fuzzing: a fixed seed, a few seconds. The long
// run: npm run fuzz -- --seconds 300 --seed N
import t from 'tap'
import { runPayloadFuzz } from './lib/fuzz-payloads.ts'

t.test('mutated payloads of every schema through a real backend', t => runPayloadFuzz(t, { seed: 20250105, maxIterations: 150, maxSeconds: 6 }))
