import type { ChatLoadResult } from './load.js'

/** Memory of the server process, before and after the sockets connected and idled. */
export interface SocketMemory {
  sockets: number
  /** `global.gc()` ran before each reading (the bench was started with --expose-gc). */
  gc: boolean
  rssBeforeMiB: number
  rssAfterMiB: number
  heapBeforeMiB: number
  heapAfterMiB: number
  rssPerSocketKiB: number
  heapPerSocketKiB: number
  externalPerSocketKiB: number
}

export interface ChatMeasurement {
  bench: 'chat'
  db: 'sqlite' | 'postgres'
  bus: 'memory' | 'redis'
  rate: number
  seconds: number
  groupShare: number
  memory: SocketMemory
  load: ChatLoadResult
  /** The server process while the messages were being sent. */
  server: { cpuShare: number; loopDelayP99Ms: number; messagesPerTransaction: number | null }
}

export const TARGETS = { p99Ms: 100, lost: 0 }

export function printJson(record: object): void {
  process.stdout.write(`${JSON.stringify(record)}\n`)
}

export const round = (value: number, digits = 0) => Number(value.toFixed(digits))

export function summaryTable(all: ChatMeasurement[]): string {
  const header = [
    'db',
    'bus',
    'sockets',
    'rate',
    'got/s',
    'http err',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'send p99',
    'expected',
    'lost',
    'dup',
    'order',
    'KiB/socket',
    'cpu',
    'msg/tx',
  ]
  const rows = all.map((m) => {
    const l = m.load
    return [
      m.db,
      m.bus,
      String(l.sockets.connected),
      String(m.rate),
      String(l.achievedRate),
      String(Object.values(l.httpErrors).reduce((s, n) => s + n, 0)),
      l.delivery.p50Ms.toFixed(1),
      l.delivery.p90Ms.toFixed(1),
      l.delivery.p99Ms.toFixed(1),
      l.delivery.maxMs.toFixed(0),
      l.http.p99Ms.toFixed(1),
      String(l.expected),
      String(l.lost),
      String(l.duplicates),
      String(l.outOfOrder),
      `${m.memory.rssPerSocketKiB.toFixed(1)} (${m.memory.heapPerSocketKiB.toFixed(1)})`,
      m.server.cpuShare.toFixed(2),
      m.server.messagesPerTransaction === null ? '-' : m.server.messagesPerTransaction.toFixed(1),
    ]
  })
  return [table(header, rows), '', ...verdicts(all)].join('\n')
}

function verdicts(all: ChatMeasurement[]): string[] {
  const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET')
  return all.flatMap((m) => {
    const l = m.load
    const kept = l.achievedRate >= m.rate * 0.95 && l.ok === l.sent
    return [
      `${m.db}/${m.bus} @ ${m.rate}/s: delivery p99 ${l.delivery.p99Ms} ms (target ≤ ${TARGETS.p99Ms}: ${verdict(l.delivery.p99Ms <= TARGETS.p99Ms && kept)})`,
      `${m.db}/${m.bus}: lost ${l.lost} of ${l.expected} (target ${TARGETS.lost}: ${verdict(l.lost === 0 && l.ok === l.sent)}); ${l.sent - l.ok} sends failed`,
    ]
  })
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}
