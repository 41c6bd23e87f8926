const DAY_MS = 24 * 3600_000
const CHINA_OFFSET_MS = 8 * 3600_000

/** Today's date in China time (YYYY-MM-DD), the calendar an IOU's due date and interest days are counted in. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The day after `date` (YYYY-MM-DD): the earliest due date the server takes. */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from one date to another (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/**
 * What the interest would come to on the due date if lent today and nothing repaid before: principal × rate/100 ×
 * days/365, in whole fen down. An estimate for the form; the IOU's own schedule, from the server, is what counts.
 */
export function interestEstimate(fen: number, ratePercent: number, days: number): number {
  const basisPoints = Math.round(ratePercent * 100)
  return Math.floor((fen * basisPoints * Math.max(days, 0)) / (10_000 * 365))
}

/** The rate typed in, as a number with at most two decimals, or undefined. */
export function parseRate(text: string): number | undefined {
  const trimmed = text.trim()
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(trimmed)) return undefined
  return Number(trimmed)
}
