// What the SimKiosk tests against the real backend share (kiosk.test.ts and
// kiosk-offline.test.ts): a deposit's lines and their points, and readers of
// the wire and the store.
import { parseTopic, topics } from '../../../schemas/topics.ts'
import type { DepositLine } from '../../../schemas/device-events.ts'
import type { SimScene } from './sim-backend.ts'

// default rates: paper 40 points/kg → 48 for 1200 g; hazardous 50 points/item → 100 for 2
export const lines: DepositLine[] = [{ category: 'paper', grams: 1200 }, { category: 'hazardous', grams: 40, count: 2 }]
export const linesPoints = 148

export const eventTypeOf = (topic: string) => { const p = parseTopic(topic); return p.kind === 'event' ? p.eventType : undefined }
export const isStatus = (scene: SimScene, online: boolean) => (p: SimScene['wire'][number]) =>
  p.topic === topics.status(scene.deviceId) && JSON.parse(p.payload).online === online
export const onlineOverHttp = async (scene: SimScene) => {
  const { devices } = await scene.api('GET', `/api/sites/${scene.siteId}/devices`) as { devices: Array<{ id: string, online: boolean }> }
  return devices.find(d => d.id === scene.deviceId)?.online
}
export const deposits = (scene: SimScene) => scene.db.selectFrom('deposits').select(['event_id', 'points_credited']).where('device_id', '=', scene.deviceId).execute()
