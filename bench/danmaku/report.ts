import type { DanmakuLoadResult } from './load.js'

export type Fanout = 'batched' | 'naive'

export interface DanmakuMeasurement {
  bench: 'danmaku'
  fanout: Fanout
  viewers: number
  /** Part of the search for the largest viewer count, rather than one of the counts asked for. */
  search: boolean
  rate: number
  seconds: number
  load: DanmakuLoadResult
  /** Server heap and RSS before the sockets opened and after they joined, per joined socket. */
  memory: {
    gc: boolean
    heapBeforeMiB: number
    heapAfterMiB: number
    heapPerSocketKiB: number
    rssPerSocketKiB: number
  }
  /** The server process while the danmaku were being sent. */
  server: { cpuShare: number; loopDelayP99Ms: number }
  /** The bench's target holds: p99 within it, and every danmaku answered and delivered to every socket. */
  met: boolean
}

export const TARGET = { p99Ms: 250, viewers: 10_000 }

export function meetsTarget(load: DanmakuLoadResult, viewers: number): boolean {
  return (
    load.delivery.p99Ms <= TARGET.p99Ms &&
    load.ok === load.sent &&
    load.sockets.joined === viewers &&
    load.sockets.closedDuringRun === 0 &&
    load.missing === 0 &&
    load.dropped === 0
  )
}

export function printJson(record: object): void {
  process.stdout.write(`${JSON.stringify(record)}\n`)
}

export const round = (value: number, digits = 0) => Number(value.toFixed(digits))

export function summaryTable(all: DanmakuMeasurement[]): string {
  const header = [
    'fanout',
    'viewers',
    'search',
    'joined',
    'ok/sent',
    'p50 ms',
    'p99 ms',
    'max ms',
    'stored→recv p50/p99',
    'http p99',
    'dropped',
    'missing',
    'cut off',
    'cpu',
    'heap KiB/sock',
    'gen cpu',
    'gen lag p99',
    'target',
  ]
  const rows = all.map((m) => {
    const l = m.load
    return [
      m.fanout,
      String(m.viewers),
      m.search ? 'yes' : '',
      String(l.sockets.joined),
      `${l.ok}/${l.sent}`,
      l.delivery.p50Ms.toFixed(1),
      l.delivery.p99Ms.toFixed(1),
      l.delivery.maxMs.toFixed(0),
      `${l.fromStored.p50Ms.toFixed(0)}/${l.fromStored.p99Ms.toFixed(0)}`,
      l.http.p99Ms.toFixed(1),
      String(l.dropped),
      String(l.missing),
      String(l.sockets.closedDuringRun),
      m.server.cpuShare.toFixed(2),
      m.memory.heapPerSocketKiB.toFixed(1),
      l.generator.cpuShare.toFixed(2),
      l.generator.loopDelayP99Ms.toFixed(0),
      m.met ? 'met' : 'NOT MET',
    ]
  })
  return table(header, rows)
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}
