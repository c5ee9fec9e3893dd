// The calendar day a deposit counts against for the daily cap: the site's
// local day (default Asia/Shanghai) at the moment the window was opened.
const formatters = new Map<string, Intl.DateTimeFormat>()

export function localDay (atMs: number, timeZone: string): string {
  let f = formatters.get(timeZone)
  if (f == null) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, f)
  }
  return f.format(atMs)
}

export function isValidTimeZone (timeZone: string): boolean {
  try {
    localDay(0, timeZone)
    return true
  } catch {
    return false
  }
}
