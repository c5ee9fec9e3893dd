// Per-site webhooks: where a site's alarm notifications are POSTed. The
// secret signs each call (HMAC-SHA256, webhook-outbox.ts); it is shown once
// when the webhook is made. It is kept as is, not hashed: signing needs it.
import { randomBytes } from 'node:crypto'
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { Executor } from '../store/executor.ts'

export interface Webhook { id: string, siteId: string, url: string, active: boolean, createdAtMs: number }

export async function createWebhook (db: Executor, input: { siteId: string, url: string }, nowMs = Date.now()): Promise<{ webhook: Webhook, secret: string }> {
  const secret = randomBytes(32).toString('base64url')
  const id = newId('whk', nowMs)
  await db.insertInto('webhooks').values({ id, site_id: input.siteId, url: input.url, secret, active: 1, created_at_ms: nowMs }).execute()
  return { webhook: { id, siteId: input.siteId, url: input.url, active: true, createdAtMs: nowMs }, secret }
}

export async function listWebhooks (db: Executor, siteId: string): Promise<Webhook[]> {
  const rows = await db.selectFrom('webhooks').select(['id', 'site_id', 'url', 'active', 'created_at_ms']).where('site_id', '=', siteId).orderBy('created_at_ms').execute()
  return rows.map(r => ({ id: r.id, siteId: r.site_id, url: r.url, active: r.active === 1, createdAtMs: Number(r.created_at_ms) }))
}

export async function findWebhook (db: Executor, id: string): Promise<Webhook> {
  const r = await db.selectFrom('webhooks').select(['id', 'site_id', 'url', 'active', 'created_at_ms']).where('id', '=', id).executeTakeFirst()
  if (r == null) throw new DomainError('NOT_FOUND', 'no such webhook')
  return { id: r.id, siteId: r.site_id, url: r.url, active: r.active === 1, createdAtMs: Number(r.created_at_ms) }
}

/** No new calls are queued for it, and calls already queued are not sent (they stay in the outbox, not counted as pending). */
export async function deactivateWebhook (db: Executor, id: string): Promise<Webhook> {
  await db.updateTable('webhooks').set({ active: 0 }).where('id', '=', id).execute()
  return findWebhook(db, id)
}
