// Pure receipt formatting: integer fen to yuan, site-local time.
import t from 'tap'
import { formatLocalTime, formatReceipt, formatYuan } from '../../../services/counter/receipt.ts'

t.test('formatYuan', async t => {
  const cases: Array<[number, string]> = [[0, '0.00'], [1, '0.01'], [99, '0.99'], [100, '1.00'], [1005, '10.05'], [123456, '1234.56'], [-250, '-2.50']]
  for (const [fen, text] of cases) t.equal(formatYuan(fen), text, `${fen} fen`)
  t.throws(() => formatYuan(1.5), RangeError)
})

t.test('formatLocalTime uses the site time zone', async t => {
  const at = Date.UTC(2024, 4, 1, 16, 30, 5)
  t.equal(formatLocalTime(at, 'Asia/Shanghai'), '2024-05-02 00:30:05')
  t.equal(formatLocalTime(at, 'UTC'), '2024-05-01 16:30:05')
})

t.test('receipt lines', async t => {
  const base = { redemptionId: 'rdm_1', siteName: 'Lotus Garden', timeZone: 'Asia/Shanghai', householdLabel: '3-2-501', quantity: 1, points: 1050, balanceAfter: 7, staffName: 'Li Na', atMs: Date.UTC(2024, 0, 1, 2, 0, 0) }
  const cash = formatReceipt({ ...base, kind: 'cash' })
  t.match(cash, /^Lotus Garden\n/)
  t.match(cash, /Cash paid\s+CNY 10\.50/)
  t.match(cash, /Balance after\s+7/)
  t.match(cash, /2024-01-01 10:00:00/)
  t.match(cash, /Staff\s+Li Na/)
  t.match(cash, /Ref rdm_1/)
  t.notMatch(cash, /REVERSED/)
  const item = formatReceipt({ ...base, kind: 'item', itemName: 'Rice', quantity: 3, unitPricePoints: 350, reversed: true })
  t.match(item, /Rice\n\s+3 x 350 pts\s+1050 pts/)
  t.match(item, /REVERSED/)
})
