// Preloaded into every test process by .taprc (node-arg). tap collects
// coverage per process through an inspector session (@tapjs/processinfo),
// which a worker thread does not get: an `eval` worker does not run the
// parent's `--import` preloads, and a terminated worker never fires the
// `exit` hook that writes the file. So the SQLite ingest worker's code
// (batch committer, processor, kiosk handlers, ledger) was never counted.
// Node itself writes a worker's V8 coverage, source maps included, when
// NODE_V8_COVERAGE is set as the worker starts (even on terminate()). Set it
// here, after this process's own collector has started (so the test process
// is not dumped twice), into the directory `tap report` reads.
// Child processes started by tests inherit it too; their dumps overlap
// processinfo's and merge cleanly because every thread and process
// transpiles TypeScript with the same tsx (see .taprc).
import { resolve } from 'node:path'

if (process.env._TAPJS_PROCESSINFO_COVERAGE_ === '1' && process.env.NODE_V8_COVERAGE == null) {
  process.env.NODE_V8_COVERAGE = resolve(process.env._TAPJS_PROCESSINFO_CWD_ ?? process.cwd(), '.tap/coverage')
}
