// How long a fuzz run goes: a fixed number of cases from a seed, so two runs
// with one seed send the same inputs. Time is only a safety net: a run that
// cannot finish its cases within `maxSeconds` stops and FAILS, so a slow
// machine never passes with fewer cases than the test claims.
import type { Test } from 'tap'
import { fuzzSeedFromEnv } from '../../helpers/env.ts'

export interface FuzzBudget {
  seed: number
  /** Cases that must run. */
  cases: number
  /** Safety net: not all `cases` done by then fails the run. */
  maxSeconds: number
  /** Long runs (npm run fuzz): after `cases`, keep going until this many seconds have passed. */
  keepGoingSeconds?: number
}

/** The seed a CI fuzz test uses: FUZZ_SEED from the environment (to replay a failure), else its fixed one. */
export function fuzzSeed (fixed: number): number {
  if (fuzzSeedFromEnv == null || fuzzSeedFromEnv === '') return fixed
  const seed = Number(fuzzSeedFromEnv)
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${JSON.stringify(fuzzSeedFromEnv)}`)
  return seed
}

export interface FuzzClock {
  /** True while another case should run after `done` cases. */
  more: (done: number) => boolean
  /** Asserts the floor: all `cases` ran before the safety net. */
  assertFloor: (t: Test, done: number, what: string) => void
}

export function startFuzzClock (t: Test, budget: FuzzBudget, what: string): FuzzClock {
  t.comment(`${what}: ${budget.cases} cases, seed ${budget.seed} (replay: FUZZ_SEED=${budget.seed}, or npm run fuzz -- --seed ${budget.seed})`)
  const startedAt = Date.now()
  const seconds = () => (Date.now() - startedAt) / 1000
  return {
    more: done => seconds() < budget.maxSeconds && (done < budget.cases || seconds() < (budget.keepGoingSeconds ?? 0)),
    assertFloor: (tt, done, doneWhat) => tt.ok(done >= budget.cases,
      `${done} ${doneWhat} in ${seconds().toFixed(1)} s: at least ${budget.cases} before the ${budget.maxSeconds} s safety net (seed ${budget.seed})`)
  }
}
