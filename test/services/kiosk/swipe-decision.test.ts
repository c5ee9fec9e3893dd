import t from 'tap'
import { decideSwipe } from '../../../services/kiosk/swipe-decision.ts'
import type { Card, Household } from '../../../services/store/database.ts'

const aCard = (over: Partial<Card> = {}): Card => ({ uid: 'C1', household_id: 'h1', site_id: 's1', status: 'active', created_at_ms: 0, updated_at_ms: 0, ...over })
const aHousehold = (over: Partial<Household> = {}): Household => ({ id: 'h1', site_id: 's1', label: '1-1-101', status: 'active', balance_points: 42, held_points: 0, created_at_ms: 0, ...over })
const kiosk = { site_id: 's1', status: 'active' as const }

t.test('swipe decisions', async t => {
  const cases: Array<[string, Parameters<typeof decideSwipe>, string]> = [
    ['active card, active household', [kiosk, aCard(), aHousehold()], 'open'],
    ['unknown card', [kiosk, undefined, undefined], 'CARD_UNKNOWN'],
    ['unlinked card', [kiosk, aCard({ status: 'unlinked', household_id: null }), undefined], 'CARD_UNKNOWN'],
    ['lost card', [kiosk, aCard({ status: 'lost' }), aHousehold()], 'CARD_LOST'],
    ['blocked card', [kiosk, aCard({ status: 'blocked' }), aHousehold()], 'CARD_BLOCKED'],
    ['card of another site', [kiosk, aCard({ site_id: 's2' }), aHousehold({ site_id: 's2' })], 'CARD_WRONG_SITE'],
    ['inactive household', [kiosk, aCard(), aHousehold({ status: 'inactive' })], 'HOUSEHOLD_INACTIVE'],
    ['disabled kiosk', [{ site_id: 's1', status: 'disabled' }, aCard(), aHousehold()], 'DEVICE_DISABLED']
  ]
  for (const [name, args, expected] of cases) {
    const d = decideSwipe(...args)
    t.equal(d.kind === 'open' ? 'open' : d.reason, expected, name)
  }
})
