// The API's validation errors next to the field they are about, in the page's
// language: each issue names its field by path (`/rates/paper/pointsPerKg`)
// and, for a number, the bound it broke. A form lists its fields by path and,
// for each, what to say when a value is malformed; an issue goes to the field
// with the longest path that contains it, or to the form as a whole.
import { ApiError } from './api/client.ts'

export interface ValidationIssue { path: string, code: string, minimum?: number, maximum?: number }
/** A locale key and its values: the component translates. */
export interface FieldMessage { key: string, values: Record<string, number> }
export interface PlacedIssues { byField: Record<string, FieldMessage>, unplaced: FieldMessage[] }

/** The issues of a 400 VALIDATION_FAILED; none for any other error. */
export function validationIssues (err: unknown): ValidationIssue[] {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED' || !Array.isArray(err.details)) return []
  return err.details.filter((d): d is ValidationIssue => typeof d === 'object' && d != null && typeof (d as ValidationIssue).path === 'string')
}

function messageOf (issue: ValidationIssue, hintKey: string): FieldMessage {
  if (issue.code === 'too_big' && issue.maximum != null) return { key: 'fieldError.tooBig', values: { maximum: issue.maximum } }
  if (issue.code === 'too_small' && issue.minimum != null) return { key: 'fieldError.tooSmall', values: { minimum: issue.minimum } }
  return { key: hintKey, values: {} }
}

const contains = (field: string, path: string) => path === field || path.startsWith(`${field}/`)

/** `fields`: field path → locale key of its hint (what a valid value looks like). The first issue of a field wins. */
export function placeIssues (issues: readonly ValidationIssue[], fields: Record<string, string>): PlacedIssues {
  const placed: PlacedIssues = { byField: {}, unplaced: [] }
  for (const issue of issues) {
    const field = Object.keys(fields).filter(f => contains(f, issue.path)).sort((a, b) => b.length - a.length)[0]
    if (field == null) placed.unplaced.push(messageOf(issue, 'fieldError.invalid'))
    else placed.byField[field] ??= messageOf(issue, fields[field] ?? 'fieldError.invalid')
  }
  return placed
}
