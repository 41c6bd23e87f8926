import type { Locale } from '../../shared/i18n/locales.js'
import { memoiseFormatter } from './intl.js'

const dayTime = memoiseFormatter(
  (tag) => new Intl.DateTimeFormat(tag, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
)
const fullDayTime = memoiseFormatter((tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }))
const monthYear = memoiseFormatter((tag) => new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long' }))
const shortMonth = memoiseFormatter((tag) => new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' }))

/** A row's time: "1月5日 14:03"; with the year when it is not this year. */
export function formatTime(iso: string, locale: Locale, now = new Date()): string {
  const date = new Date(iso)
  return (date.getFullYear() === now.getFullYear() ? dayTime : fullDayTime)(locale).format(date)
}

/** The month a list groups by, in local time: "2026-01". */
export function monthKey(iso: string): string {
  const date = new Date(iso)
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`
}

/** "2026年1月" / "January 2026" for a month key. */
export function formatMonthKey(key: string, locale: Locale): string {
  const [year = 0, month = 1] = key.split('-').map(Number)
  return monthYear(locale).format(new Date(year, month - 1, 1))
}

/** "1月" / "Jan" for a month number 1–12, as on a chart axis. */
export function formatMonthShort(month: number, locale: Locale): string {
  return shortMonth(locale).format(new Date(Date.UTC(2000, month - 1, 1)))
}
