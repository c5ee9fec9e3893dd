// "Integrated from docs/http-api.md alone": runs the counter walkthrough of
// docs/http-api.md against a real listening backend, the way
// test/e2e/mosquitto-cli.test.ts runs the device walkthrough of
// docs/protocol.md. Every ```http block pair of the doc (a request, then the
// response it documents) is read from the doc itself, sent with fetch, and the
// documented response is asserted: status, the headers shown, and the body
// (JSON: the fields shown, arrays element by element; text: line by line).
// A "<name>" in a response takes the value it meets (later blocks reuse it);
// in a request it is replaced by that value. Only the scene the doc starts
// from (site, household, card, 174 points earned at a kiosk, two staff tokens)
// is set up here, through the real broker and store.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { createSite } from '../../services/sites/site-registry.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { aHouseholdWithCard, aKiosk } from '../fixtures/builders.ts'
import { connectDevice, startTestBackend } from '../helpers/backend.ts'

const doc = readFileSync(fileURLToPath(new URL('../../docs/http-api.md', import.meta.url)), 'utf8')

type Vars = Map<string, string>
const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9]*)>/g

interface Exchange { request: string, response: string, line: number }

/** The ```http blocks of the doc, paired: each request block followed by its response block. */
function exchanges (markdown: string): Exchange[] {
  const blocks = [...markdown.matchAll(/^```http\n([\s\S]*?)^```$/gm)].map(m => ({ text: m[1] ?? '', line: markdown.slice(0, m.index).split('\n').length }))
  const pairs: Exchange[] = []
  for (let i = 0; i < blocks.length; i += 2) {
    const request = blocks[i]
    const response = blocks[i + 1]
    if (request == null || response == null || !response.text.startsWith('HTTP/1.1 ') || request.text.startsWith('HTTP/')) {
      throw new Error(`docs/http-api.md line ${request?.line ?? '?'}: an http request block must be followed by its response block`)
    }
    pairs.push({ request: request.text, response: response.text, line: request.line })
  }
  return pairs
}

function fill (text: string, vars: Vars): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = vars.get(name)
    if (value == null) throw new Error(`request uses <${name}> before any response gave it a value`)
    return value
  })
}

/** Head lines (start line and headers) and body of an HTTP message as written in the doc. */
function split (message: string): { start: string, headers: Array<[string, string]>, body: string } {
  const [head = '', ...rest] = message.trim().split(/\n\n/)
  const [start = '', ...headerLines] = head.split('\n')
  const headers = headerLines.map(l => { const at = l.indexOf(':'); return [l.slice(0, at).trim().toLowerCase(), l.slice(at + 1).trim()] as [string, string] })
  return { start, headers, body: rest.join('\n\n').trim() }
}

/** Differences between a documented JSON value and the actual one; placeholders capture. */
function differences (expected: unknown, actual: unknown, path: string, vars: Vars): string[] {
  if (typeof expected === 'string') {
    const whole = /^<([A-Za-z][A-Za-z0-9]*)>$/.exec(expected)
    if (whole?.[1] != null) {
      const name = whole[1]
      const known = vars.get(name)
      if (actual === undefined) return [`${path}: missing`]
      if (known == null) { vars.set(name, typeof actual === 'string' ? actual : JSON.stringify(actual)); return [] }
      return known === (typeof actual === 'string' ? actual : JSON.stringify(actual)) ? [] : [`${path}: ${JSON.stringify(actual)} is not <${name}> = ${known}`]
    }
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: expected ${expected.length} elements, got ${JSON.stringify(actual)}`]
    return expected.flatMap((e, i) => differences(e, actual[i], `${path}[${i}]`, vars))
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: expected an object, got ${JSON.stringify(actual)}`]
    return Object.entries(expected).flatMap(([k, v]) => differences(v, (actual as Record<string, unknown>)[k], `${path}.${k}`, vars))
  }
  return expected === actual ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`]
}

/** A documented text body as a regex: known placeholders literal, new ones captured. */
function textDifferences (expected: string, actual: string, vars: Vars): string[] {
  const names: string[] = []
  const source = expected.split(PLACEHOLDER).map((part, i) => {
    if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const known = vars.get(part)
    if (known != null) return known.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    names.push(part)
    return '(.+?)'
  }).join('')
  const match = new RegExp(`^${source}$`).exec(actual.trimEnd())
  if (match == null) return [`text body differs:\n--- documented\n${expected}\n--- actual\n${actual}`]
  names.forEach((name, i) => vars.set(name, match[i + 1] ?? ''))
  return []
}

t.test('the counter walkthrough of docs/http-api.md, against a real backend', async t => {
  const backend = await startTestBackend(t)
  const { db } = backend.store

  // the scene the walkthrough starts from: the end of docs/protocol.md §11
  const site = await createSite(db, { id: 'garden-court', name: 'Garden Court' })
  const { card } = await aHouseholdWithCard(db, site.id, { label: '3-2-501', card: 'CARD0001' })
  const { device, secret } = await aKiosk(db, site.id, 'kiosk-01')
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)
  await kiosk.publishJson('events/swipe', { eventId: 'demo-0001', ts: 1767225600000, card: card.uid })
  const open = await kiosk.waitFor(m => m.payload.type === 'open')
  await kiosk.publishJson('events/deposit', { eventId: 'demo-0004', ts: 1767225640000, sessionId: open.payload.sessionId, lines: [{ category: 'paper', grams: 2500 }, { category: 'plastic', grams: 1234 }] })
  t.match((await kiosk.waitFor(m => m.payload.type === 'display')).payload, { pointsEarned: 174, balancePoints: 174 }, 'the kiosk walkthrough left 174 points')
  await kiosk.end()
  const clerk = await createStaff(db, { username: 'clerk1', name: 'Li Na', role: 'counter', siteId: site.id })
  const manager = await createStaff(db, { username: 'manager1', name: 'Wang Fang', role: 'manager', siteId: site.id })

  const vars: Vars = new Map([['counterToken', clerk.token], ['managerToken', manager.token]])
  const steps = exchanges(doc)
  t.ok(steps.length >= 10, `${steps.length} documented request/response pairs`)
  for (const step of steps) {
    const request = split(fill(step.request, vars))
    const [method = '', path = ''] = request.start.split(' ')
    const label = `line ${step.line}: ${method} ${path}`
    const res = await fetch(`${backend.httpUrl}${path}`, { method, headers: Object.fromEntries(request.headers), ...(request.body === '' ? {} : { body: request.body }) })
    const response = split(step.response)
    t.equal(res.status, Number(response.start.split(' ')[1]), `${label}: status`)
    for (const [name, value] of response.headers) t.equal(res.headers.get(name), value, `${label}: header ${name}`)
    const actual = await res.text()
    const problems = response.body.startsWith('{')
      ? differences(JSON.parse(response.body), JSON.parse(actual), 'body', vars)
      : textDifferences(response.body, actual, vars)
    t.same(problems, [], `${label}: body as documented`)
  }
})
