// The alarm and device-health API on both stores: current alarms sorted by
// severity then age with filters, site scoping, every staff action with its
// refusals (409 with the lifecycle's reason, nothing changed), the audit row,
// history with durations, and device health per device and per site.
import tap from 'tap'
import { raiseAlarm } from '../../../services/alarms/alarm-repository.ts'
import { recordCommand } from '../../../services/devices/command-delivery.ts'
import { recordDeadLetter } from '../../../services/ingest/dead-letter-store.ts'
import { aKiosk } from '../../fixtures/builders.ts'
import { errorCode, harness, onEachStore, type Harness } from './harness.ts'

const t = onEachStore(tap)
const now = Date.now()

async function scene (h: Harness) {
  const { device: k1 } = await aKiosk(h.db, h.siteId)
  const { device: k2 } = await aKiosk(h.db, h.siteId)
  const { device: far } = await aKiosk(h.db, h.otherSiteId)
  const raise = async (deviceId: string, siteId: string, type: string, severity: 'critical' | 'major' | 'minor', atMs: number) => {
    const r = await raiseAlarm(h.db, { key: { siteId, deviceId, type, source: '' }, severity }, { kind: 'device', id: deviceId }, atMs)
    if (!r.ok) throw new Error(r.message)
    return r.alarm.id
  }
  const doorHeld = await raise(k1.id, h.siteId, 'door-held', 'minor', now - 60_000)
  const smoke = await raise(k2.id, h.siteId, 'smoke', 'critical', now - 30_000)
  const tamperOld = await raise(k1.id, h.siteId, 'tamper', 'major', now - 120_000)
  const tamperNew = await raise(k2.id, h.siteId, 'tamper', 'major', now - 10_000)
  const elsewhere = await raise(far.id, h.otherSiteId, 'smoke', 'critical', now - 5000)
  const backend = await raiseAlarm(h.db, { key: { siteId: null, deviceId: null, type: 'telemetry-outbox-near-full', source: '' }, severity: 'major' }, { kind: 'rule', id: 'outbox' }, now)
  return { k1, k2, far, doorHeld, smoke, tamperOld, tamperNew, elsewhere, backendId: backend.ok ? backend.alarm.id : '' }
}

const ids = (res: { json: () => unknown }) => ((res.json() as { alarms: Array<{ id: string }> }).alarms).map(a => a.id)

t.test('current alarms: most severe first, then oldest; filtered; scoped to the caller\'s site', async t => {
  const h = await harness(t)
  const s = await scene(h)
  t.same(ids(await h.manager.call('GET', '/api/alarms')), [s.smoke, s.tamperOld, s.tamperNew, s.doorHeld], 'site staff: their site, no backend alarms')
  t.same(ids(await h.admin.call('GET', `/api/alarms?siteId=${h.siteId}`)), [s.smoke, s.tamperOld, s.tamperNew, s.doorHeld])
  t.same(ids(await h.admin.call('GET', '/api/alarms')).sort(), [s.elsewhere, s.smoke, s.backendId, s.tamperOld, s.tamperNew, s.doorHeld].sort(), 'operators see all sites and the backend alarm')
  const all = ((await h.admin.call('GET', '/api/alarms')).json() as { alarms: Array<{ id: string, severity: string, firstAtMs: number }> }).alarms
  t.equal(all.length, 6)
  t.same(all.map(a => a.severity), ['critical', 'critical', 'major', 'major', 'major', 'minor'], 'by severity')
  t.same(ids(await h.manager.call('GET', '/api/alarms?severity=major')), [s.tamperOld, s.tamperNew])
  t.same(ids(await h.manager.call('GET', `/api/alarms?deviceId=${s.k1.id}`)), [s.tamperOld, s.doorHeld])
  t.same(ids(await h.manager.call('GET', '/api/alarms?type=smoke')), [s.smoke])
  t.equal(errorCode(await h.manager.call('GET', `/api/alarms?siteId=${h.otherSiteId}`)), 'FORBIDDEN', 'not another site')
  t.equal(errorCode(await h.manager.call('GET', `/api/alarms/${s.elsewhere}`)), 'FORBIDDEN')
  t.equal(errorCode(await h.manager.call('GET', `/api/alarms/${s.backendId}`)), 'FORBIDDEN', 'backend alarms are for operators')
  t.equal(errorCode(await h.manager.call('GET', '/api/alarms/alm_nope')), 'ALARM_UNKNOWN')
  t.equal(errorCode(await h.manager.call('GET', '/api/alarms?severity=apocalyptic')), 'VALIDATION_FAILED')
  t.equal((await h.anonymous.call('GET', '/api/alarms')).statusCode, 401)
})

t.test('staff actions: acknowledge, shelve, unshelve, out of service, back, clear; refusals change nothing', async t => {
  const h = await harness(t)
  const s = await scene(h)
  const post = (who: typeof h.manager, action: string, body?: unknown) => who.call('POST', `/api/alarms/${s.smoke}/${action}`, body)
  const ack = await post(h.counter, 'acknowledge')
  t.equal(ack.statusCode, 200)
  t.match(ack.json(), { acknowledged: true, acknowledgedBy: h.counter.id, state: 'active-acknowledged' })
  const again = await post(h.counter, 'acknowledge')
  t.equal(again.statusCode, 409)
  t.match(again.json(), { error: { code: 'ALARM_CHANGE_REFUSED', details: { reason: 'ALREADY_ACKNOWLEDGED' } } })

  t.equal(errorCode(await post(h.counter, 'shelve', { reason: 'x', untilMs: now + 60_000 })), 'FORBIDDEN', 'shelving is for managers')
  t.equal(errorCode(await post(h.manager, 'shelve', { reason: '   ', untilMs: now + 60_000 })), 'ALARM_CHANGE_REFUSED', 'a blank reason')
  t.equal(errorCode(await post(h.manager, 'shelve', { reason: 'sensor replaced', untilMs: now + 30 * 86_400_000 })), 'ALARM_CHANGE_REFUSED', 'more than a week')
  t.equal(errorCode(await post(h.manager, 'shelve', { reason: 'sensor replaced' })), 'VALIDATION_FAILED', 'no expiry')
  const shelved = await post(h.manager, 'shelve', { reason: 'sensor replaced', untilMs: now + 3600_000 })
  t.match(shelved.json(), { shelf: { reason: 'sensor replaced', untilMs: now + 3600_000, by: h.manager.id }, state: 'active-acknowledged+shelved' })
  t.match((await post(h.manager, 'unshelve')).json(), { shelf: null })
  t.equal(errorCode(await post(h.manager, 'unshelve')), 'ALARM_CHANGE_REFUSED')
  t.equal(errorCode(await post(h.manager, 'out-of-service', {})), 'VALIDATION_FAILED')
  t.match((await post(h.manager, 'out-of-service', { reason: 'smoke detector swapped' })).json(), { outOfService: { reason: 'smoke detector swapped', by: h.manager.id } })
  t.match((await post(h.manager, 'in-service')).json(), { outOfService: null })
  const cleared = await post(h.counter, 'clear')
  t.match(cleared.json(), { active: false, state: 'cleared-acknowledged' })
  t.equal(errorCode(await post(h.counter, 'clear')), 'ALARM_CHANGE_REFUSED', 'closed: cleared and acknowledged')
  t.equal(errorCode(await h.manager.call('POST', `/api/alarms/${s.elsewhere}/acknowledge`)), 'FORBIDDEN', 'not another site\'s alarm')

  const detail = (await h.manager.call('GET', `/api/alarms/${s.smoke}`)).json() as { changes: Array<{ action: string, actor: { kind: string, id: string }, reason: string | null }> }
  t.same(detail.changes.map(c => `${c.action}/${c.actor.kind}`), ['raise/device', 'acknowledge/staff', 'shelve/staff', 'unshelve/staff', 'remove-from-service/staff', 'return-to-service/staff', 'clear/staff'], 'who and when for each change')
  t.equal(detail.changes.find(c => c.action === 'shelve')?.reason, 'sensor replaced')
  const audit = await h.db.selectFrom('audit_log').select(['route', 'status_code']).where('route', 'like', '/api/alarms/%').execute()
  t.equal(audit.length, 15, 'every staff action is audited, refused or not')
  t.same(audit.map(a => a.status_code).sort(), [200, 200, 200, 200, 200, 200, 400, 400, 403, 403, 409, 409, 409, 409, 409], 'with the status each got: a refusal is recorded as refused')
})

t.test('history: open and closed episodes, newest first, with durations', async t => {
  const h = await harness(t)
  const s = await scene(h)
  await h.counter.call('POST', `/api/alarms/${s.doorHeld}/clear`)
  await h.counter.call('POST', `/api/alarms/${s.doorHeld}/acknowledge`)
  const history = ((await h.manager.call('GET', `/api/alarms/history?deviceId=${s.k1.id}`)).json() as { alarms: Array<{ id: string, active: boolean, durationMs: number, clearedAtMs: number | null, firstAtMs: number }> }).alarms
  t.same(history.map(a => a.id), [s.doorHeld, s.tamperOld], 'newest first, the closed one included')
  const closed = history[0]
  t.equal(closed?.durationMs, (closed?.clearedAtMs ?? 0) - (closed?.firstAtMs ?? 0), 'a closed episode lasted until it cleared')
  t.same(ids(await h.manager.call('GET', '/api/alarms')).includes(s.doorHeld), false, 'and is no longer current')
  t.same(ids(await h.manager.call('GET', `/api/alarms/history?fromMs=${now - 40_000}`)), [s.tamperNew, s.smoke])
})

t.test('device health per device and per site', async t => {
  const h = await harness(t)
  const s = await scene(h)
  await h.db.updateTable('devices').set({ online: 1, last_seen_at_ms: now, last_status: JSON.stringify({ online: true, firmware: '2.4.1', uptimeS: 3600, rssiDbm: -61, temperatureC: 31.5, bins: [{ category: 'paper', fillPct: 72 }], ports: [{ port: 1, state: 'idle' }] }) }).where('id', '=', s.k1.id).execute()
  await recordCommand(h.db, s.k1.id, { type: 'display', cmdId: 'cmd_1', ts: now, text: 'hi' } as never, now + 60_000, null)
  await recordDeadLetter(h.db, { deviceId: s.k1.id, topic: 'devices/x/events/swipe', payload: Buffer.from('{'), receivedAtMs: now - 1000, code: 'MALFORMED_JSON', reason: 'bad' })
  await recordDeadLetter(h.db, { deviceId: s.k1.id, topic: 'devices/x/events/swipe', payload: Buffer.from('{'), receivedAtMs: now - 2 * 86_400_000, code: 'MALFORMED_JSON', reason: 'old' })
  const one = await h.counter.call('GET', `/api/devices/${s.k1.id}/health`)
  t.equal(one.statusCode, 200)
  t.same(one.json(), {
    deviceId: s.k1.id, siteId: h.siteId, kind: 'kiosk', name: s.k1.name, status: 'active', online: true, lastSeenAtMs: now,
    firmware: '2.4.1', uptimeS: 3600, rssiDbm: -61, temperatureC: 31.5, bins: [{ category: 'paper', fillPct: 72 }], ports: [{ port: 1, state: 'idle' }],
    unacknowledgedCommands: 1, deadLetters24h: 1, openAlarms: 2
  })
  const site = (await h.manager.call('GET', `/api/sites/${h.siteId}/health`)).json() as { devices: Array<{ deviceId: string, online: boolean, firmware: string | null, openAlarms: number }> }
  t.same(site.devices.map(d => d.deviceId).sort(), [s.k1.id, s.k2.id].sort())
  t.match(site.devices.find(d => d.deviceId === s.k2.id), { online: false, firmware: null, openAlarms: 2 })
  t.equal(errorCode(await h.manager.call('GET', `/api/devices/${s.far.id}/health`)), 'FORBIDDEN')
  t.equal(errorCode(await h.manager.call('GET', '/api/devices/nope/health')), 'DEVICE_UNKNOWN')
  t.equal(errorCode(await h.admin.call('GET', '/api/sites/nope/health')), 'SITE_UNKNOWN')
})

t.test('webhooks: made by an admin with the secret shown once, listed without it, deactivated', async t => {
  const h = await harness(t)
  const made = await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/webhooks`, { url: 'https://hooks.example.com/alarms' })
  t.equal(made.statusCode, 201)
  const { webhook, secret } = made.json() as { webhook: { id: string }, secret: string }
  t.match(webhook, { siteId: h.siteId, url: 'https://hooks.example.com/alarms', active: true })
  t.ok(secret.length >= 40, 'a long random secret')
  t.equal(errorCode(await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/webhooks`, { url: 'ftp://hooks.example.com/' })), 'VALIDATION_FAILED', 'http(s) only')
  t.equal(errorCode(await h.manager.call('POST', `/api/sites/${h.siteId}/webhooks`, { url: 'https://x.example.com/' })), 'FORBIDDEN', 'admins only')
  t.equal(errorCode(await h.siteAdmin.call('POST', `/api/sites/${h.otherSiteId}/webhooks`, { url: 'https://x.example.com/' })), 'FORBIDDEN', 'not for another site')
  const listed = (await h.manager.call('GET', `/api/sites/${h.siteId}/webhooks`)).json() as { webhooks: Array<Record<string, unknown>> }
  t.same(listed.webhooks.map(w => w.id), [webhook.id])
  t.notOk(JSON.stringify(listed).includes(secret), 'the secret is not listed')
  t.match((await h.siteAdmin.call('POST', `/api/webhooks/${webhook.id}/deactivate`)).json(), { id: webhook.id, active: false })
  t.equal(errorCode(await h.siteAdmin.call('POST', '/api/webhooks/whk_nope/deactivate')), 'NOT_FOUND')
})
