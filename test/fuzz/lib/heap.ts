// A real heap measurement for the fuzz runs. The test runner does not start
// test files with --expose-gc, and without gc() heapUsed mostly measures when
// the collector last ran (the old check saw the heap "grow" by -25 MiB). The
// flag can still be set at run time; gc() is then read from a fresh context.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

setFlagsFromString('--expose-gc')
const gc = (globalThis.gc ?? runInNewContext('gc')) as () => void

/** Heap in use after full collections, bytes. */
export function heapUsedAfterGc (): number {
  // twice: the first pass can leave objects with finalizers for the second
  gc()
  gc()
  return process.memoryUsage().heapUsed
}
