// Real headless Chromium (Debian's, through playwright-core) for the staff
// pages' tests: a fresh profile per browser, screenshots kept under
// test-artifacts/ (gitignored), and axe-core run inside the page. Without
// Chromium the tests skip with the reason on a laptop and fail under CI=true.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { chromiumPath, inCI } from './env.ts'

interface TapLike { teardown: (fn: () => unknown) => void }

export const chromiumSkipReason = `Chromium not found at ${chromiumPath} (apt-get install chromium; required under CI=true)`

/** A tap `skip` value: the reason outside CI when Chromium is missing, else false. */
export function browserSkipReasonIfAny (): string | false {
  if (existsSync(chromiumPath)) return false
  if (inCI) throw new Error(chromiumSkipReason)
  return chromiumSkipReason
}

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** A browser with a fresh, temporary profile (the profile is the user data dir), closed at teardown. */
export async function launchBrowser (t: TapLike): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN'
  })
  t.teardown(async () => {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  })
  context.setDefaultTimeout(15_000)
  return context
}

export const artifactsDir = fileURLToPath(new URL('../../test-artifacts/web', import.meta.url))

export async function screenshot (page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true })
  const path = join(artifactsDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation { id: string, impact: string | null, help: string, nodes: number, targets: string[] }

/**
 * Runs axe-core in the page (WCAG 2 A/AA rules) and returns its serious and
 * critical violations. Evaluated through the DevTools protocol, so the page's
 * own CSP stays in force for everything else.
 */
export async function seriousAxeViolations (page: Page): Promise<AxeViolation[]> {
  // colours are judged at rest: a tag still fading in has a contrast it will not keep
  await page.evaluate(async () => {
    const doc = (globalThis as unknown as { document: { getAnimations: () => Array<{ finished: Promise<unknown> }> } }).document
    await Promise.all(doc.getAnimations().map(a => a.finished.catch(() => undefined)))
  })
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string, impact: string | null, help: string, nodes: Array<{ target: unknown[] }> }> }> } }).axe
    // the whole page (document), named through globalThis: the test code has no DOM types
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 5).map(n => JSON.stringify(n.target)) }))
  })
  return violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
}

/** The computed CSS `visibility` of the element (test code has no DOM types, so the window is reached through the element). */
export async function visibilityOf (locator: Locator): Promise<string> {
  return locator.evaluate(el => {
    const win = (el as unknown as { ownerDocument: { defaultView: { getComputedStyle: (e: unknown) => { visibility: string } } } }).ownerDocument.defaultView
    return win.getComputedStyle(el).visibility
  })
}
