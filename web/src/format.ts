// Points are integers: 1 point = 1 fen, 100 points = 1 yuan.
export function yuan (points: number): string {
  const sign = points < 0 ? '-' : ''
  const abs = Math.abs(points)
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

export function dateTime (ms: number | null, locale: string): string {
  return ms == null ? '—' : new Date(ms).toLocaleString(locale, { hour12: false })
}
