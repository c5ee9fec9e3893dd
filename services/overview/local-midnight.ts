// The instant local midnight began in a time zone: "today" for counter
// figures stored with UTC milliseconds. Read from the zone's wall clock now,
// so it is exact except on a day whose midnight fell inside a DST change
// (the compounds' zone, Asia/Shanghai, has none).
const formatters = new Map<string, Intl.DateTimeFormat>()

export function localMidnightMs (nowMs: number, timeZone: string): number {
  let f = formatters.get(timeZone)
  if (f == null) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    formatters.set(timeZone, f)
  }
  const parts = Object.fromEntries(f.formatToParts(nowMs).map(p => [p.type, p.value]))
  const sinceMidnightS = Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)
  return nowMs - sinceMidnightS * 1000 - (nowMs % 1000 + 1000) % 1000
}
