// What every operator command is made of: its shape (summary, options, run)
// and the small helpers that read option values, refusing bad input with a
// DomainError the CLI prints with its code.
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Pepper } from '../devices/pepper.ts'
import { DomainError } from '../errors.ts'
import type { Database } from '../store/database.ts'

export interface CommandResult { data: unknown, text: string }

export type Values = Record<string, string | boolean | undefined>

/** What some commands need besides the store; read only when asked for. */
export interface CommandContext { pepper: () => Pepper }

export interface Command {
  summary: string
  /** Option names and whether each is required (all options take a string value). */
  options: Record<string, { required?: boolean, description: string }>
  run: (db: Kysely<Database>, values: Values, context: CommandContext) => Promise<CommandResult>
  /** Reads only: not audited. Every other command's change is audited with it (cli-audit.ts). */
  readOnly?: boolean
}

export const str = (v: Values, name: string): string => {
  const value = v[name]
  if (typeof value !== 'string' || value.length === 0) throw new DomainError('VALIDATION_FAILED', `--${name} is required`)
  return value
}
export const opt = (v: Values, name: string): string | undefined => (typeof v[name] === 'string' ? v[name] : undefined)

/** An optional whole number; "12abc", "1.5" and "" are refused rather than read as 12, 1 or 0. */
export function optInt (v: Values, name: string): number | undefined {
  const text = opt(v, name)
  if (text == null) return undefined
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new DomainError('VALIDATION_FAILED', `--${name} must be a whole number, not "${text}"`)
  return Number(text)
}

export function oneOf<T extends string> (value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new DomainError('VALIDATION_FAILED', `--${name} must be one of ${allowed.join(', ')}`)
  return value as T
}

/** Checks what the options add up to against the HTTP API's own schema, so both refuse the same input. */
export function validated<S extends z.ZodType> (schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw new DomainError('VALIDATION_FAILED', z.prettifyError(result.error).replaceAll('\n', ' '))
  return result.data
}

export function table (rows: Array<Record<string, unknown>>, columns: string[]): string {
  if (rows.length === 0) return '(none)'
  const cells = [columns, ...rows.map(r => columns.map(c => String(r[c] ?? '-')))]
  const widths = columns.map((_, i) => Math.max(...cells.map(row => row[i]?.length ?? 0)))
  return cells.map(row => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')
}
