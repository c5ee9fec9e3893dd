// Prometheus text exposition (format 0.0.4) of the counters and gauges an
// operator alerts on. Written by hand rather than with prom-client: the
// figures already live in Metrics and the store, and a scrape only has to
// print them; the format is a few lines per family. Label values escaped as
// the format asks (backslash, quote, newline).
export interface Sample { labels?: Record<string, string>, value: number }
export interface Family { name: string, help: string, type: 'counter' | 'gauge', samples: Sample[] }

function escapeLabel (value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')
}

function formatValue (value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  return String(value)
}

export function exposition (families: readonly Family[]): string {
  const lines: string[] = []
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`, `# TYPE ${f.name} ${f.type}`)
    for (const s of f.samples) {
      const labels = Object.entries(s.labels ?? {})
      const labelText = labels.length === 0 ? '' : `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`
      lines.push(`${f.name}${labelText} ${formatValue(s.value)}`)
    }
  }
  return lines.join('\n') + '\n'
}
