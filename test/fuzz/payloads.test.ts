// CI variant of the payload fuzzing: a fixed seed and a fixed number of
// payloads; the time limit only fails a run too slow to finish them.
// Replay: FUZZ_SEED=N. The long run: npm run fuzz -- --seconds 300 --seed N
import t from 'tap'
import { fuzzSeed } from './lib/budget.ts'
import { runPayloadFuzz } from './lib/fuzz-payloads.ts'

t.test('mutated payloads of every schema through a real backend', t => runPayloadFuzz(t, { seed: fuzzSeed(20250105), cases: 150, maxSeconds: 90 }))
