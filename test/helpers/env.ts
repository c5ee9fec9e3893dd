// The one place tests read the environment (besides services/config.ts).
export const inCI = process.env.CI === 'true' || process.env.CI === '1'
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
/** FUZZ_SEED replays a fuzz test with another seed (the seed a failed run printed). */
export const fuzzSeedFromEnv = process.env.FUZZ_SEED
/** Debian's Chromium, driven by playwright-core in the browser tests (CHROMIUM_PATH overrides). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
