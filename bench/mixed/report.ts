import type { MixedLoadResult } from './load.js'

/** The targets: no errors, p99 under 100 ms for every kind; and no delivery lost on the way to a socket. */
export const TARGETS = { p99Ms: 100, errors: 0 }

export function meetsTargets(result: MixedLoadResult): boolean {
  const { chat, danmaku } = result.deliveries
  return (
    result.errors === TARGETS.errors &&
    Object.values(result.kinds).every((k) => k.p99Ms < TARGETS.p99Ms) &&
    chat.missing + danmaku.missing + chat.duplicates === 0
  )
}

export function summaryTable(result: MixedLoadResult): string {
  const rows = [['kind', 'requests', 'ok', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'statuses']]
  for (const [kind, k] of Object.entries(result.kinds)) {
    rows.push([
      kind,
      String(k.requests),
      String(k.ok),
      String(k.errors),
      k.p50Ms.toFixed(1),
      k.p99Ms.toFixed(1),
      k.maxMs.toFixed(1),
      JSON.stringify(k.statuses),
    ])
  }
  rows.push(['all', String(result.requests), String(result.ok), String(result.errors), '', '', '', ''])
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  const lines = rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd(),
  )
  const deliveries = Object.entries(result.deliveries).map(
    ([stream, d]) =>
      `${stream} to sockets: ${d.delivered} of ${d.owed} delivered, ${d.missing} missing, ${d.duplicates} duplicates; ` +
      `p50 ${d.p50Ms.toFixed(1)} ms, p99 ${d.p99Ms.toFixed(1)} ms, max ${d.maxMs.toFixed(1)} ms from due`,
  )
  return [
    ...lines,
    '',
    ...deliveries,
    `throughput: ${result.rps} ok requests/s over ${result.seconds} s`,
    `targets (0 errors, every p99 < ${TARGETS.p99Ms} ms, no delivery lost): ${meetsTargets(result) ? 'met' : 'NOT met'}`,
  ].join('\n')
}
