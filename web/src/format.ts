// Points are integers: 1 point = 1 fen, 100 points = 1 yuan.
export function yuan (points: number): string {
  const sign = points < 0 ? '-' : ''
  const abs = Math.abs(points)
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

export function dateTime (ms: number | null, locale: string): string {
  return ms == null ? '—' : new Date(ms).toLocaleString(locale, { hour12: false })
}

/** A duration as h:mm:ss (hours grow past 24: an alarm's age reads better in hours than days). */
export function duration (ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}
