// Operator CLI entry: `npm run ctl -- <command> [options]`. See run.ts.
import { ConfigError, loadConfig } from '../config.ts'
import { runCli } from './run.ts'

try {
  process.exitCode = await runCli(process.argv.slice(2), loadConfig(), {
    out: text => process.stdout.write(`${text}\n`),
    err: text => process.stderr.write(`${text}\n`)
  })
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`)
  process.exitCode = 1
}
