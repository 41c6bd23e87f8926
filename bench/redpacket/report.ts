import type { PacketChecks } from './checks.js'
import type { LatencyStats } from './load.js'

/** What the server did during a wave. */
export interface WaveServerSide {
  /** Claims that reached the ledger writer as commands. */
  ledger_commands: number
  /** Database transactions opened: the writer's group-committed batches. */
  ledger_batches: number
  /** CPU of the server process (the load generator is another process). */
  cpu_ms: number
}

export interface RedPacketMeasurement {
  bench: 'redpacket'
  db: 'sqlite' | 'postgres'
  claimers: number
  shares: number
  total: number
  /** One-minute load average when the engine's run began (2 cores: above 2, the run shared its CPU). */
  loadavg: number
  burst: LatencyStats & {
    dispatch_ms: number
    /** From the start until the first and the last share's 200 arrived at the generator. */
    first_share_ms: number
    all_shares_ms: number
    elapsed_ms: number
    server: WaveServerSide
  }
  late: LatencyStats & { connections: number; per_second: number; elapsed_ms: number; server: WaveServerSide }
  checks: PacketChecks
}

export const TARGETS = { claimP99Ms: 100 }

export function printJson(record: object): void {
  process.stdout.write(`${JSON.stringify(record)}\n`)
}

export const round = (value: number, digits = 0) => Number(value.toFixed(digits))

export function summary(all: RedPacketMeasurement[]): string {
  const header = [
    'db',
    'claimers',
    'shares',
    'all shares ms',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    '200',
    'refused',
    'ledger cmds',
    'batches',
    'late /s',
    'late p50',
    'late p99',
    'late cmds',
    'checks',
  ]
  const rows = all.map((m) => [
    m.db,
    String(m.claimers),
    String(m.shares),
    m.burst.all_shares_ms.toFixed(0),
    m.burst.p50Ms.toFixed(1),
    m.burst.p90Ms.toFixed(1),
    m.burst.p99Ms.toFixed(1),
    m.burst.maxMs.toFixed(1),
    String(m.burst.statuses['200'] ?? 0),
    String(m.burst.requests - (m.burst.statuses['200'] ?? 0)),
    String(m.burst.server.ledger_commands),
    String(m.burst.server.ledger_batches),
    String(m.late.per_second),
    m.late.p50Ms.toFixed(1),
    m.late.p99Ms.toFixed(1),
    String(m.late.server.ledger_commands),
    m.checks.ok ? 'ok' : 'FAILED',
  ])
  const lines = all.map((m) => {
    const met = m.burst.p99Ms < TARGETS.claimP99Ms ? 'MET' : 'NOT MET'
    const audit = m.checks.audit.ok ? 'clean' : `NOT CLEAN: ${m.checks.audit.problems.join('; ')}`
    return [
      `${m.db}: claim p99 ${m.burst.p99Ms} ms (target < ${TARGETS.claimP99Ms}: ${met}); every share allocated ${m.burst.all_shares_ms} ms after the start`,
      `  winners ${m.checks.winners} (distinct ${m.checks.distinctWinners}), paid ${m.checks.claimedSum} of ${m.total} fen, holding ${m.checks.holdingBefore} → ${m.checks.holdingAfter}, packet ${m.checks.status}, audit ${audit}`,
      `  refusals: burst ${JSON.stringify(m.burst.codes)}, late ${JSON.stringify(m.late.codes)}; errors ${m.burst.errors + m.late.errors}`,
    ].join('\n')
  })
  return [table(header, rows), '', ...lines].join('\n')
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}
