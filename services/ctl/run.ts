// The operator CLI without the process around it: parse argv, open the store,
// run one command, print, and return the exit code (tests call this directly).
import { existsSync } from 'node:fs'
import type { Kysely } from 'kysely'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_DEVICE_SECRET_PEPPER_FILE, type Config } from '../config.ts'
import { loadPepper, PepperError } from '../devices/pepper.ts'
import { DomainError } from '../errors.ts'
import { openStore } from '../store/open-database.ts'
import { insertAuditRecords } from '../audit/audit-log.ts'
import type { Database } from '../store/database.ts'
import { inTransaction } from '../store/executor.ts'
import { cliAuditRecord } from './cli-audit.ts'
import { commands, type Command } from './operator-commands.ts'

export interface CliIo { out: (text: string) => void, err: (text: string) => void }

function usage (): string {
  const lines = Object.entries(commands).map(([name, c]) => {
    const opts = Object.entries(c.options).map(([o, d]) => (d.required === true ? `--${o} <${o}>` : `[--${o} <${o}>]`)).join(' ')
    return `  ${`${name} ${opts}`.trimEnd()}\n      ${c.summary}`
  })
  return [
    'usage: npm run ctl -- <command> [options] [--json]',
    '',
    'Works on the store the environment names: SQLITE_PATH (default ./data/kiosk.db) or DATABASE_URL;',
    'point it at the server\'s store. A SQLite file that does not exist is refused unless --create is given.',
    '',
    'commands:',
    ...lines,
    '',
    'options for every command: --json (machine output), --create (make a new store if there is none), --help'
  ].join('\n')
}

function commandUsage (name: string, c: Command): string {
  const opts = Object.entries(c.options).map(([o, d]) => `  --${o.padEnd(12)} ${d.description}${d.required === true ? ' (required)' : ''}`)
  return [`usage: npm run ctl -- ${name} [options] [--json]`, `${c.summary}`, '', ...opts, '  --json         machine-readable output', '  --create       make a new, empty store if SQLITE_PATH names no file'].join('\n')
}

/**
 * Opening a SQLite path that does not exist would create an empty store there, and every
 * lookup would then answer "unknown": most likely the CLI is not pointed at the server's store.
 */
function missingStoreMessage (config: Pick<Config, 'DATABASE_URL' | 'SQLITE_PATH'>): string | undefined {
  if (config.DATABASE_URL != null || config.SQLITE_PATH === ':memory:' || existsSync(config.SQLITE_PATH)) return undefined
  return `error STORE: no store at ${resolve(config.SQLITE_PATH)} (SQLITE_PATH=${config.SQLITE_PATH}). ` +
    'Point SQLITE_PATH at the server\'s SQLite file (or DATABASE_URL at its PostgreSQL database), ' +
    'or pass --create to make a new, empty store there.'
}

/** Finds the command named by the leading words of argv ("gate zone add", "site add", "balance"). */
function findCommand (argv: string[]): { name: string, command: Command, rest: string[] } | undefined {
  for (const words of [3, 2, 1]) {
    const name = argv.slice(0, words).join(' ')
    const command = commands[name]
    if (command != null && !argv.slice(0, words).some(w => w.startsWith('-'))) return { name, command, rest: argv.slice(words) }
  }
  return undefined
}

export async function runCli (argv: string[], config: Pick<Config, 'DATABASE_URL' | 'SQLITE_PATH'> & Partial<Pick<Config, 'DEVICE_SECRET_PEPPER_FILE'>>, io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(usage())
    return argv.length === 0 ? 1 : 0
  }
  const found = findCommand(argv)
  if (found == null) {
    io.err(`error USAGE: unknown command "${argv.filter(a => !a.startsWith('-')).slice(0, 2).join(' ')}"\n\n${usage()}`)
    return 1
  }
  const { name, command, rest } = found
  let values: Record<string, string | boolean | undefined>
  try {
    const options = Object.fromEntries(Object.keys(command.options).map(o => [o, { type: 'string' as const }]))
    values = parseArgs({ args: rest, options: { ...options, json: { type: 'boolean' }, create: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values
  } catch (err) {
    io.err(`error USAGE: ${(err as Error).message}\n\n${commandUsage(name, command)}`)
    return 1
  }
  if (values.help === true) {
    io.out(commandUsage(name, command))
    return 0
  }
  const missing = Object.entries(command.options).filter(([o, d]) => d.required === true && values[o] == null).map(([o]) => `--${o}`)
  if (missing.length > 0) {
    io.err(`error USAGE: missing ${missing.join(', ')}\n\n${commandUsage(name, command)}`)
    return 1
  }
  const noStore = values.create === true ? undefined : missingStoreMessage(config)
  if (noStore != null) {
    io.err(noStore)
    return 1
  }
  let store
  try {
    store = await openStore(config)
  } catch (err) {
    io.err(`error STORE: cannot open the store: ${(err as Error).message}`)
    return 1
  }
  const startedMs = Date.now()
  const context = { pepper: () => loadPepper(config.DEVICE_SECRET_PEPPER_FILE ?? DEFAULT_DEVICE_SECRET_PEPPER_FILE) }
  try {
    // a change and its audit row commit together, or neither does
    const result = command.readOnly === true
      ? await command.run(store.db, values, context)
      : await inTransaction(store.db, async trx => {
        const done = await command.run(trx, values, context)
        await insertAuditRecords(trx, [cliAuditRecord(name, values, 200, startedMs)])
        return done
      })
    io.out(values.json === true ? JSON.stringify(result.data, null, 2) : result.text)
    return 0
  } catch (err) {
    if (command.readOnly !== true) await auditRefusal(store.db, name, values, err, startedMs)
    if (err instanceof DomainError) {
      io.err(values.json === true ? JSON.stringify({ error: { code: err.code, message: err.message, details: err.details } }) : `error ${err.code}: ${err.message}`)
      return 1
    }
    if (err instanceof PepperError) {
      io.err(`error CONFIG: ${err.message}`)
      return 1
    }
    io.err(`error INTERNAL: ${(err as Error).message}`)
    return 1
  } finally {
    await store.close()
  }
}

/** A refused or failed change leaves its own audit row (the change itself rolled back). */
async function auditRefusal (db: Kysely<Database>, name: string, values: Record<string, string | boolean | undefined>, err: unknown, startedMs: number): Promise<void> {
  const status = err instanceof DomainError ? err.statusCode : 500
  try {
    await insertAuditRecords(db, [cliAuditRecord(name, values, status, startedMs)])
  } catch { /* the store itself failed: the command's own error is what the operator needs */ }
}
