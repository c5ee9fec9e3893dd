// The points shop's shelf: items per site with a price in points and a stock
// count that never goes below zero (CHECK constraint and guarded updates).
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import { getSite } from '../sites/site-registry.ts'
import type { ShopItem } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

export async function createShopItem (db: Executor, input: { siteId: string, name: string, pricePoints: number, stock: number }, nowMs = Date.now()): Promise<ShopItem> {
  await getSite(db, input.siteId)
  const item: ShopItem = { id: newId('item', nowMs), site_id: input.siteId, name: input.name, price_points: input.pricePoints, stock: input.stock, active: 1, created_at_ms: nowMs }
  await db.insertInto('shop_items').values(item).execute()
  return item
}

export async function getShopItem (db: Executor, itemId: string): Promise<ShopItem> {
  const item = await db.selectFrom('shop_items').selectAll().where('id', '=', itemId).executeTakeFirst()
  if (item == null) throw new DomainError('ITEM_UNKNOWN', `no shop item ${itemId}`)
  return item
}

export async function listShopItems (db: Executor, siteId: string, opts: { includeInactive?: boolean } = {}): Promise<ShopItem[]> {
  let q = db.selectFrom('shop_items').selectAll().where('site_id', '=', siteId)
  if (opts.includeInactive !== true) q = q.where('active', '=', 1)
  return q.orderBy('name').orderBy('id').execute()
}

export interface ShopItemChange { stock?: number | undefined, pricePoints?: number | undefined, active?: boolean | undefined, name?: string | undefined }

export async function updateShopItem (db: Executor, itemId: string, change: ShopItemChange): Promise<ShopItem> {
  const set: Partial<ShopItem> = {}
  if (change.stock != null) set.stock = change.stock
  if (change.pricePoints != null) set.price_points = change.pricePoints
  if (change.active != null) set.active = change.active ? 1 : 0
  if (change.name != null) set.name = change.name
  if (Object.keys(set).length > 0) {
    const result = await db.updateTable('shop_items').set(set).where('id', '=', itemId).executeTakeFirst()
    if (result.numUpdatedRows === 0n) throw new DomainError('ITEM_UNKNOWN', `no shop item ${itemId}`)
  }
  return getShopItem(db, itemId)
}

/** Takes `quantity` off the shelf in one guarded statement; OUT_OF_STOCK if there are fewer. */
export async function takeStock (db: Executor, itemId: string, quantity: number): Promise<void> {
  const result = await db.updateTable('shop_items')
    .set(eb => ({ stock: eb('stock', '-', quantity) }))
    .where('id', '=', itemId)
    .where('stock', '>=', quantity)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) {
    const item = await getShopItem(db, itemId)
    throw new DomainError('OUT_OF_STOCK', `${item.stock} left of ${item.name}, ${quantity} asked`, { stock: item.stock })
  }
}

export async function returnStock (db: Executor, itemId: string, quantity: number): Promise<void> {
  await db.updateTable('shop_items').set(eb => ({ stock: eb('stock', '+', quantity) })).where('id', '=', itemId).execute()
}
