// Web figures (issue 13): the staff pages with a big compound behind them,
// in real headless Chromium (Debian's, through playwright-core) against the
// backend on loopback, built pages served by the backend as in production.
//
// - First page: a manager of a site with 1,000 devices, already signed in,
//   opens `/` in a fresh browser context (cold cache: the bundle is fetched
//   and parsed again). Measured from navigation start until the overview
//   shows the site's device count, i.e. the page answers what a manager
//   opens it for. Target ≤ 1 s.
// - Devices grid, 5,000 devices: time until the grid shows its first page of
//   tiles (it pages by 120), then each filter change (typing into the search
//   box: a device, a block of a thousand, back to everything), measured
//   inside the page from the input event until the grid says how many match
//   and holds their first page, and the next frame is painted. Target ≤ 100 ms per change, the RAIL model's bound for a
//   response that feels immediate.
import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { ensureWebBuilt } from '../../scripts/build-web.ts'
import { chromiumArgs } from '../../test/helpers/browser.ts'
import { chromiumPath } from '../../test/helpers/env.ts'
import { webDeviceId, type WebSite } from '../setup/web-site.ts'
import type { RunContext } from '../lib/context.ts'
import { summarize, type Summary } from '../lib/stats.ts'
import { startOurs } from './servers.ts'

export interface WebPages {
  firstPage: { devices: number, ms: Summary }
  grid: { devices: number, renderMs: number, filterMs: Summary, filters: number }
}

const PASSWORD = 'bench-web-pass-2026'

/** Why the figure cannot run here, or null. */
export function webSkipReason (): string | null {
  return existsSync(chromiumPath) ? null : `Chromium not found at ${chromiumPath} (apt-get install chromium)`
}

async function signedInPage (browser: Browser, httpUrl: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
  context.setDefaultTimeout(30_000)
  // the session cookie, set without loading a page: the page load that is timed starts cold
  const res = await context.request.post(`${httpUrl}/api/session`, { data: { username, password: PASSWORD } })
  if (!res.ok()) throw new Error(`sign-in as ${username}: HTTP ${res.status()}`)
  return context.newPage()
}

async function firstPageMs (browser: Browser, httpUrl: string, site: WebSite): Promise<number> {
  const page = await signedInPage(browser, httpUrl, site.username)
  try {
    const started = performance.now()
    await page.goto(`${httpUrl}/`)
    await page.locator('[data-testid=devices-online]', { hasText: `${site.online} / ${site.devices}` }).waitFor()
    return performance.now() - started
  } finally {
    await page.context().close()
  }
}

/** Types `text` into the grid's search box and returns ms until `expected` tiles are painted (measured in the page). */
async function filterMs (page: Page, text: string, expected: number): Promise<number> {
  return page.evaluate(async ({ text, expected }) => {
    // page-side code: no DOM types here, and no named inner functions (tsx would wrap them in a
    // helper that does not exist in the page)
    const g = globalThis as unknown as {
      document: { querySelector: (s: string) => { value: string, dispatchEvent: (e: unknown) => void, dataset: Record<string, string> } | null, querySelectorAll: (s: string) => { length: number } }
      requestAnimationFrame: (fn: () => void) => void
      Event: new (type: string, init: unknown) => unknown
    }
    const input = g.document.querySelector('[role=search] input')
    const grid = g.document.querySelector('[data-testid=device-grid]')
    if (input == null || grid == null) throw new Error('no search box or no grid')
    const tiles = Math.min(expected, Number(grid.dataset.pageSize))
    const started = performance.now()
    input.value = text
    input.dispatchEvent(new g.Event('input', { bubbles: true }))
    // done when the grid says how many match and holds their first page of tiles
    while (grid.dataset.shown !== String(expected) || g.document.querySelectorAll('[data-testid=device-grid] > li').length !== tiles) {
      if (performance.now() - started > 30_000) throw new Error(`the grid did not show ${expected} tiles for "${text}"`)
      await new Promise<void>(resolve => { g.requestAnimationFrame(resolve) })
    }
    await new Promise<void>(resolve => { g.requestAnimationFrame(resolve) })
    return performance.now() - started
  }, { text, expected })
}

async function gridFigures (browser: Browser, httpUrl: string, site: WebSite): Promise<WebPages['grid']> {
  const page = await signedInPage(browser, httpUrl, site.username)
  try {
    const started = performance.now()
    await page.goto(`${httpUrl}/#/devices`)
    await page.waitForFunction(n => {
      const grid = (globalThis as unknown as { document: { querySelector: (s: string) => { dataset: Record<string, string>, children: { length: number } } | null } }).document.querySelector('[data-testid=device-grid]')
      return grid != null && grid.dataset.shown === String(n) && grid.children.length === Math.min(n, Number(grid.dataset.pageSize))
    }, site.devices, { timeout: 60_000 })
    const renderMs = performance.now() - started
    // a device by its number, a block of a thousand (ids …-0xxxx), then everything again; twice over
    const one = webDeviceId(site.siteId, 1234)
    const block = `${site.siteId}-01`
    const changes: Array<[string, number]> = [[one, 1], ['', site.devices], [block, 1000], ['', site.devices]]
    const samples: number[] = []
    for (let i = 0; i < 2; i++) for (const [text, expected] of changes) samples.push(await filterMs(page, text, expected))
    return { devices: site.devices, renderMs, filterMs: summarize(samples), filters: samples.length }
  } finally {
    await page.context().close()
  }
}

export async function webPages (ctx: RunContext, firstPageSamples: number): Promise<WebPages> {
  await ensureWebBuilt({ quiet: true })
  const server = await startOurs(ctx)
  let browser: Browser | null = null
  try {
    if (server.httpUrl == null) throw new Error('the backend did not say where its HTTP API is')
    const seed = (siteId: string, devices: number) => server.child.ask<WebSite>({ type: 'seed-web', siteId, devices, password: PASSWORD }, 'seeded', 120_000)
    const small = await seed('wa', 1000)
    const large = await seed('wb', 5000)
    // launch() gives the browser a fresh temporary profile of its own
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs })
    await firstPageMs(browser, server.httpUrl, small) // warms the server (compiled routes, SQLite pages), not the browser
    const firstPage: number[] = []
    for (let i = 0; i < firstPageSamples; i++) firstPage.push(await firstPageMs(browser, server.httpUrl, small))
    const grid = await gridFigures(browser, server.httpUrl, large)
    return { firstPage: { devices: small.devices, ms: summarize(firstPage) }, grid }
  } finally {
    await browser?.close()
    await server.child.stop()
  }
}
