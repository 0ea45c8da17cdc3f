/** The benchmark's rows, and how they are printed. */

export interface Target {
  /** What is compared: the ratio, or the mock's own figure (milliseconds, megabytes). */
  of: 'ratio' | 'mock'
  op: '>=' | '<='
  value: number
}

export interface Row {
  id: string
  measure: string
  unit: string
  mock: number | null
  /** Shown instead of the mock's figure, e.g. "n/a (endpoint missing)". */
  mockNote?: string
  /** What the baseline column holds for this row. */
  baselineIs: string
  baseline: number | null
  baselineUnit?: string
  ratio: number | null
  target: Target | null
  /** A target-like note for rows without a target, e.g. the figure for a reference. */
  targetNote?: string
  /** true/false when there is a target and a figure; null otherwise. */
  met: boolean | null
  /** Why the row could not be measured, or what went wrong while measuring it (the figures are kept if any). */
  error: string | null
  details?: Record<string, unknown>
}

export function meets (target: Target | null, mock: number | null, ratio: number | null): boolean | null {
  if (!target) return null
  const value = target.of === 'ratio' ? ratio : mock
  if (value === null || !Number.isFinite(value)) return null
  return target.op === '>=' ? value >= target.value : value <= target.value
}

/** 21 000, 4 512, 38.4, 0.35: thousands spaced as in the issue, small figures with one decimal. */
export function figure (value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US').replaceAll(',', ' ')
  if (Math.abs(value) >= 10) return value.toFixed(1)
  return value.toFixed(2)
}

/** Two significant decimals, more for ratios near zero (0.005 stays 0.005). */
export function ratioText (value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (value !== 0 && Math.abs(value) < 0.1) return value.toPrecision(2)
  return value.toFixed(2)
}

function targetText (row: Row): string {
  if (!row.target) return row.targetNote ?? '—'
  const op = row.target.op === '>=' ? '≥' : '≤'
  return row.target.of === 'ratio' ? `${op} ${row.target.value.toFixed(2)}` : `${op} ${figure(row.target.value)} ${row.unit}`
}

export function cells (row: Row): string[] {
  const mock = row.mockNote ?? (row.mock === null ? (row.error ? 'error' : '—') : `${figure(row.mock)} ${row.unit}${row.error ? ' !' : ''}`)
  const baseline = row.baseline === null ? '—' : `${figure(row.baseline)} ${row.baselineUnit ?? row.unit}`
  const ratio = row.ratio === null ? '—' : ratioText(row.ratio)
  const met = row.met === null ? '' : row.met ? 'yes' : 'no'
  return [row.measure, mock, baseline, ratio, targetText(row), met]
}

/** A plain-text table, then one line per row that has an error. */
export function render (rows: Row[]): string {
  const header = ['measure', 'mock', 'baseline', 'ratio', 'target', 'met']
  const body = rows.map(cells)
  const widths = header.map((h, i) => Math.max(h.length, ...body.map(r => r[i]!.length)))
  const line = (r: string[]) => r.map((c, i) => i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)).join('  ').trimEnd()
  const out = [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...body.map(line)]
  const problems = rows.filter(r => r.error)
  if (problems.length > 0) {
    out.push('', 'Errors (a figure marked ! was measured with errors; the run counts them as failures):')
    for (const r of problems) out.push(`  ${r.measure.trim()}: ${r.error}`)
  }
  return out.join('\n')
}

/** The same rows as a Markdown table, for the closing note of an issue. */
export function markdown (rows: Row[]): string {
  const lines = ['| measure | mock | baseline | ratio | target | met |', '| --- | ---: | ---: | ---: | --- | --- |']
  for (const row of rows) lines.push(`| ${cells(row).map(c => c.replaceAll('|', '\\|')).join(' | ')} |`)
  return lines.join('\n')
}
