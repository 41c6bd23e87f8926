export interface Measurement {
  bench: 'ledger'
  db: 'sqlite' | 'postgres'
  /** SQLite's synchronous pragma, or PostgreSQL's synchronous_commit. */
  durability: string
  path: 'in-process' | 'http'
  mode: 'batched' | 'naive'
  workload: 'uniform' | 'hot'
  concurrency: number
  transfers: number
  failed: number
  seconds: number
  tps: number
  p50_ms: number
  p99_ms: number
  /** Database transactions during the run; for batched runs, transfers per transaction. */
  transactions: number
  avg_batch: number
  /** CPU seconds of this process per 1,000 transfers (the server's share when over HTTP). */
  cpu_ms_per_1k: number
}

/** Reference numbers from the issue, for this machine. */
const TARGETS = {
  inProcessTps: 100_000,
  hotShare: 0.9,
  httpTps: 15_000,
  httpP99Ms: 50,
  postgresUniformTps: 3 * 2_700,
  postgresHotTps: 3 * 1_000,
}

export function printJson(record: object): void {
  process.stdout.write(`${JSON.stringify(record)}\n`)
}

export const round = (value: number, digits = 0) => Number(value.toFixed(digits))

export function summaryTable(all: Measurement[]): string {
  const header = [
    'db',
    'sync',
    'path',
    'mode',
    'workload',
    'conc',
    'transfers/s',
    'p50 ms',
    'p99 ms',
    'avg batch',
    'fail',
  ]
  const rows = all.map((m) => [
    m.db,
    m.durability,
    m.path,
    m.mode,
    m.workload,
    String(m.concurrency),
    m.tps.toLocaleString('en-US'),
    m.p50_ms.toFixed(1),
    m.p99_ms.toFixed(1),
    m.avg_batch.toFixed(1),
    String(m.failed),
  ])
  return [table(header, rows), '', ...ratioLines(all)].join('\n')
}

function find(all: Measurement[], m: Partial<Measurement>): Measurement | undefined {
  return all.find((x) => Object.entries(m).every(([k, v]) => x[k as keyof Measurement] === v))
}

function ratioLines(all: Measurement[]): string[] {
  const lines: string[] = []
  const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET')
  const groups = [...new Set(all.map((m) => `${m.db}|${m.durability}`))]
  for (const group of groups) {
    const [db, durability] = group.split('|') as [Measurement['db'], string]
    const label = `${db} ${durability}`
    for (const path of ['in-process', 'http'] as const) {
      const uniform = find(all, { db, durability, path, mode: 'batched', workload: 'uniform' })
      const hot = find(all, { db, durability, path, mode: 'batched', workload: 'hot' })
      if (!uniform || !hot) continue
      const share = hot.tps / uniform.tps
      lines.push(
        `${label} ${path}: hot/uniform ${share.toFixed(2)} (target ≥ ${TARGETS.hotShare}: ${verdict(share >= TARGETS.hotShare)})`,
      )
      for (const m of [uniform, hot]) {
        const naive = find(all, { db, durability, path: 'in-process', mode: 'naive', workload: m.workload })
        if (naive)
          lines.push(`${label} ${path} ${m.workload}: batched/naive(in-process) ${(m.tps / naive.tps).toFixed(1)}×`)
        if (db === 'sqlite' && path === 'in-process' && durability === 'FULL') {
          lines.push(
            `${label} in-process ${m.workload}: ${m.tps} ≥ ${TARGETS.inProcessTps}: ${verdict(m.tps >= TARGETS.inProcessTps)}`,
          )
        }
        if (db === 'sqlite' && path === 'http') {
          const ok = m.tps >= TARGETS.httpTps && m.p99_ms < TARGETS.httpP99Ms
          lines.push(
            `${label} http ${m.workload}: ${m.tps}/s p99 ${m.p99_ms} ms vs ≥ ${TARGETS.httpTps}/s p99 < ${TARGETS.httpP99Ms}: ${verdict(ok)}`,
          )
        }
        if (db === 'postgres') {
          const reference = m.workload === 'uniform' ? TARGETS.postgresUniformTps : TARGETS.postgresHotTps
          lines.push(
            `${label} ${path} ${m.workload}: ${(m.tps / (reference / 3)).toFixed(1)}× the reference (target ≥ 3×: ${verdict(m.tps >= reference)})`,
          )
        }
      }
    }
  }
  return lines
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}
