// Printable receipts for the counter's thermal printer: pure text, integer
// money. 100 points = 1 yuan; 1 point = 1 fen.

/** 1234 fen → "12.34"; integers only, no floating point. */
export function formatYuan (fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount: ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** "2024-05-01 09:30:00" in the site's time zone. */
export function formatLocalTime (atMs: number, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'
  }).formatToParts(atMs).map(p => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`
}

export interface ReceiptInput {
  redemptionId: string
  siteName: string
  timeZone: string
  householdLabel: string
  kind: 'cash' | 'item'
  itemName?: string | null
  quantity: number
  unitPricePoints?: number | null
  points: number
  balanceAfter: number
  staffName: string
  atMs: number
  reversed?: boolean
}

const WIDTH = 32

function row (left: string, right: string): string {
  const gap = Math.max(1, WIDTH - left.length - right.length)
  return `${left}${' '.repeat(gap)}${right}`
}

export function formatReceipt (r: ReceiptInput): string {
  const lines = [
    r.siteName,
    'Points redemption receipt',
    '-'.repeat(WIDTH),
    row('Household', r.householdLabel),
    row('Time', formatLocalTime(r.atMs, r.timeZone)),
    '-'.repeat(WIDTH)
  ]
  if (r.kind === 'cash') {
    lines.push(row('Cash paid', `CNY ${formatYuan(r.points)}`))
  } else {
    lines.push(r.itemName ?? 'Item')
    lines.push(row(`  ${r.quantity} x ${r.unitPricePoints ?? r.points / r.quantity} pts`, `${r.points} pts`))
  }
  lines.push(
    row('Points redeemed', `${r.points}`),
    row('Value', `CNY ${formatYuan(r.points)}`),
    row('Balance after', `${r.balanceAfter}`),
    '-'.repeat(WIDTH),
    row('Staff', r.staffName),
    `Ref ${r.redemptionId}`
  )
  if (r.reversed === true) lines.push('*** REVERSED ***')
  return `${lines.join('\n')}\n`
}
