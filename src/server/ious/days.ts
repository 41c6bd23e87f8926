/** China has one time zone and no daylight saving: Asia/Shanghai is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3600_000
export const DAY_MS = 24 * 3600_000

/** The China calendar day of an instant, as days since 1970-01-01. */
export function chinaDay(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS)
}

/** `YYYY-MM-DD` as days since 1970-01-01, or undefined when it is not a real date. */
export function dayOfDate(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const ms = Date.UTC(year, month - 1, day)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined
  return ms / DAY_MS
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** The instant of `hour`:00 China time on a China day. */
export function chinaTime(day: number, hour: number): number {
  return day * DAY_MS - CHINA_OFFSET_MS + hour * 3600_000
}
