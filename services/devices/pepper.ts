// The server-side key of device secret hashes (the "pepper"). It lives in a
// file, not in the database, so a copy of the devices table alone is not
// enough to test guesses. A fresh clone needs no setup: the file is created
// once with a random key (mode 0600) and read on every later start. Every
// node must read the same key: a hash made with another one never matches,
// so losing or changing it means rotating every device secret.
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

export interface Pepper {
  key: Buffer
  /** Short fingerprint of the key, stored with each hash: tells "another pepper" from "wrong secret". */
  id: string
  path: string
  /** True when this call generated the file. */
  created: boolean
  /** Set when the file is readable by group or others. */
  warning?: string
}

export class PepperError extends Error {
  override name = 'PepperError'
}

const MIN_CHARS = 32

export function pepperFromText (text: string, path: string, created = false): Pepper {
  const trimmed = text.trim()
  if (trimmed.length < MIN_CHARS) throw new PepperError(`device secret pepper in ${path} is too short (${trimmed.length} characters, at least ${MIN_CHARS}); put a random string there or delete the file to have one generated (then rotate every device secret)`)
  const key = Buffer.from(trimmed, 'utf8')
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 8), path, created }
}

/** Reads the pepper file; creates it with a random key when it does not exist. */
export function loadPepper (path: string): Pepper {
  const created = createIfMissing(path)
  const pepper = pepperFromText(readFileSync(path, 'utf8'), path, created)
  const mode = statSync(path).mode & 0o777
  if ((mode & 0o077) !== 0) pepper.warning = `device secret pepper ${path} has mode ${mode.toString(8)}; it should be readable by this service only (chmod 600)`
  return pepper
}

/**
 * Written to a temporary file and linked into place, so another process
 * starting at the same moment either sees no file or the whole key, never a
 * part; if both generate one, the first link wins and both read that.
 */
function createIfMissing (path: string): boolean {
  try {
    statSync(path)
    return false
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const fd = openSync(tmp, 'wx', 0o600)
  try {
    writeSync(fd, `${randomBytes(32).toString('base64url')}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    linkSync(tmp, path)
    syncDirectory(dirname(path))
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    unlinkSync(tmp)
  }
}

function syncDirectory (dir: string): void {
  const fd = openSync(dir, 'r')
  try { fsyncSync(fd) } finally { closeSync(fd) }
}
