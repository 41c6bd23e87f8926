export interface SearchResult {
  /** The largest count measured to meet the target below the smallest that did not (0: none met it). */
  largest: number
  /** null: every count tried met it, up to the ceiling or the run budget. */
  smallestFailing: number | null
  ceiling: number
}

/**
 * From the counts already measured, steps up by half again while every count meets the target, then bisects between
 * the largest that met it and the smallest that did not, until they are within a tenth (or 100) of each other, in at
 * most `runs` more measurements. Counts are rounded to two significant figures, so the steps read as 15000, not 15183.
 * A noisy machine can make a larger count pass where a smaller one failed: the smallest failure bounds the answer.
 */
export async function largestMeeting(
  tried: Map<number, boolean>,
  measure: (viewers: number) => Promise<boolean>,
  ceiling: number,
  runs: number,
): Promise<SearchResult> {
  for (let run = 0; run < runs; run++) {
    const { largest, smallestFailing } = bounds(tried)
    let next: number
    if (smallestFailing === null) {
      if (largest >= ceiling) break
      next = Math.min(ceiling, twoFigures(Math.max(largest * 1.5, 100)))
    } else {
      if (smallestFailing - largest <= Math.max(100, smallestFailing / 10)) break
      next = twoFigures((largest + smallestFailing) / 2)
    }
    if (tried.has(next)) break
    tried.set(next, await measure(next))
  }
  return { ...bounds(tried), ceiling }
}

function bounds(tried: Map<number, boolean>): Omit<SearchResult, 'ceiling'> {
  const failing = [...tried].filter(([, met]) => !met).map(([viewers]) => viewers)
  const smallestFailing = failing.length > 0 ? Math.min(...failing) : null
  const met = [...tried]
    .filter(([viewers, ok]) => ok && (smallestFailing === null || viewers < smallestFailing))
    .map(([viewers]) => viewers)
  return { largest: met.length > 0 ? Math.max(...met) : 0, smallestFailing }
}

function twoFigures(value: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1)
  return Math.round(value / unit) * unit
}
