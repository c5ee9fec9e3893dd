// CI variant of the raw MQTT packet fuzzing: a fixed seed, a few seconds. The
// long run: npm run fuzz -- --seconds 300 --seed N
import t from 'tap'
import { runPacketFuzz } from './lib/fuzz-packets.ts'

t.test('damaged MQTT packets over TCP against a real backend', t => runPacketFuzz(t, { seed: 20250105, maxIterations: 400, maxSeconds: 5 }))
