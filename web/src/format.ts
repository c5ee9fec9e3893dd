// Points are integers: 1 point = 1 fen, 100 points = 1 yuan.
export function yuan (points: number): string {
  const sign = points < 0 ? '-' : ''
  const abs = Math.abs(points)
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

// toLocaleString builds a formatter on every call; a grid of tiles formats hundreds at once
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

export function dateTime (ms: number | null, locale: string): string {
  if (ms == null) return '—'
  let format = dateTimeFormats.get(locale)
  if (format == null) {
    // the fields toLocaleString shows by default: the same text, built once per locale
    format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false })
    dateTimeFormats.set(locale, format)
  }
  return format.format(ms)
}

/** A duration as h:mm:ss (hours grow past 24: an alarm's age reads better in hours than days). */
export function duration (ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}
