// The one-time activation code the counter prints and the resident types on
// their phone: 8 characters of Crockford's base32 (no I, L, O, U: nothing to
// misread), 40 random bits, shown as XXXX-XXXX. Typing is forgiving: case,
// spaces and hyphens do not matter, and O/I/L are read as 0/1/1. Guessing is
// bounded by the invitation's expiry and its few allowed wrong attempts.
import { randomInt } from 'node:crypto'

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const ACTIVATION_CODE_LENGTH = 8

export function generateActivationCode (): string {
  let code = ''
  for (let i = 0; i < ACTIVATION_CODE_LENGTH; i++) code += alphabet[randomInt(alphabet.length)]
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/** The code as hashed: upper case, separators dropped, look-alikes mapped. */
export function normalizeActivationCode (typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}
