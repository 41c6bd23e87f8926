import type { FeedLoadResult, LoadStats } from './load.js'

export interface FeedMeasurement {
  bench: 'feed'
  db: 'sqlite' | 'postgres'
  posts: number
  /** Target rate of GET /api/v1/feed, requests per second. */
  rate: number
  reads: LoadStats
  writes: LoadStats | null
  /** CPU the server process used per feed request during the run (the load generator is another process). */
  server_cpu_ms_per_request: number
  /** The server's event loop during the run: how late a 10 ms timer fired (p99, max), and garbage collection. */
  server_loop: { delay_p99_ms: number; delay_max_ms: number; gc_ms: number; gc_max_pause_ms: number }
  generator_loop: FeedLoadResult['generatorLoop']
}

export const TARGETS = { p99Ms: 20, growth: 1.5 }

export function printJson(record: object): void {
  process.stdout.write(`${JSON.stringify(record)}\n`)
}

export const round = (value: number, digits = 0) => Number(value.toFixed(digits))

export function summaryTable(all: FeedMeasurement[]): string {
  const header = [
    'db',
    'posts',
    'target rps',
    'got rps',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'non-2xx',
    'writes/s',
    'write p99',
    'cpu ms/req',
  ]
  const rows = all.map((m) => [
    m.db,
    m.posts.toLocaleString('en-US'),
    String(m.rate),
    String(m.reads.rps),
    m.reads.p50Ms.toFixed(1),
    m.reads.p90Ms.toFixed(1),
    m.reads.p99Ms.toFixed(1),
    m.reads.maxMs.toFixed(1),
    String(m.reads.non2xx + m.reads.errors + m.reads.timeouts),
    String(m.writes?.rps ?? 0),
    (m.writes?.p99Ms ?? 0).toFixed(1),
    m.server_cpu_ms_per_request.toFixed(2),
  ])
  return [table(header, rows), '', ...verdicts(all)].join('\n')
}

function verdicts(all: FeedMeasurement[]): string[] {
  const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET')
  const lines: string[] = []
  for (const m of all) {
    lines.push(
      `${m.db} ${m.posts.toLocaleString('en-US')} posts @ ${m.rate}/s: p99 ${m.reads.p99Ms} ms (target ≤ ${TARGETS.p99Ms}: ${verdict(m.reads.p99Ms <= TARGETS.p99Ms && keptUp(m))})`,
    )
  }
  for (const db of new Set(all.map((m) => m.db))) {
    for (const rate of new Set(all.map((m) => m.rate))) {
      const runs = all.filter((m) => m.db === db && m.rate === rate).sort((a, b) => a.posts - b.posts)
      const [small, large] = [runs[0], runs.at(-1)]
      if (!small || !large || small === large) continue
      const growth = large.reads.p99Ms / Math.max(1, small.reads.p99Ms)
      // Past saturation p99 is the length of the queue at the end of the run, not the cost of a request.
      if (!keptUp(small) || !keptUp(large)) {
        lines.push(`${db} @ ${rate}/s: p99 growth not measured (the server did not keep up with the rate)`)
        continue
      }
      lines.push(
        `${db} @ ${rate}/s: p99 ${small.posts.toLocaleString('en-US')} → ${large.posts.toLocaleString('en-US')} posts: ${growth.toFixed(2)}× (target < ${TARGETS.growth}×: ${verdict(growth < TARGETS.growth)})`,
      )
    }
  }
  return lines
}

const keptUp = (m: FeedMeasurement) => m.reads.rps >= m.rate * 0.95

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}
