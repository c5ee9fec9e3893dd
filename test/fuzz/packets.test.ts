// CI variant of the raw MQTT packet fuzzing: a fixed seed and a fixed number
// of connections; the time limit only fails a run too slow to finish them.
// Replay: FUZZ_SEED=N. The long run: npm run fuzz -- --seconds 300 --seed N
import t from 'tap'
import { fuzzSeed } from './lib/budget.ts'
import { runPacketFuzz } from './lib/fuzz-packets.ts'

t.test('damaged MQTT packets over TCP against a real backend', t => runPacketFuzz(t, { seed: fuzzSeed(20250105), cases: 400, maxSeconds: 90 }))
