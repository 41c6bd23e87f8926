import type { MixedLoadResult } from './load.js'

/** The targets: no errors, p99 under 100 ms for every kind. */
export const TARGETS = { p99Ms: 100, errors: 0 }

export function meetsTargets(result: MixedLoadResult): boolean {
  return result.errors === TARGETS.errors && Object.values(result.kinds).every((k) => k.p99Ms < TARGETS.p99Ms)
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
  return [
    ...lines,
    '',
    `throughput: ${result.rps} ok requests/s over ${result.seconds} s`,
    `targets (0 errors, every p99 < ${TARGETS.p99Ms} ms): ${meetsTargets(result) ? 'met' : 'NOT met'}`,
  ].join('\n')
}
