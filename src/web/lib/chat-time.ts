import type { Locale } from '../../shared/i18n/locales.js'
import { memoiseFormatter } from './intl.js'

const clock = memoiseFormatter((tag) => new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' }))
const weekday = memoiseFormatter((tag) => new Intl.DateTimeFormat(tag, { weekday: 'long' }))
const monthDay = memoiseFormatter((tag) => new Intl.DateTimeFormat(tag, { month: 'numeric', day: 'numeric' }))
const fullDate = memoiseFormatter((tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'short' }))

const DAY = 24 * 60 * 60 * 1000

/** Whole local days between two instants: 0 today, 1 yesterday. */
function daysAgo(date: Date, now: Date): number {
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
  return Math.round((start(now) - start(date)) / DAY)
}

export interface DayWords {
  yesterday: string
  dayAndTime: (day: string, time: string) => string
}

/** The chat list's time, as WeChat shows it: "14:03" today, "昨天", a weekday within the week, else the date. */
export function listTime(iso: string, locale: Locale, words: DayWords, now = new Date()): string {
  const date = new Date(iso)
  const days = daysAgo(date, now)
  if (days <= 0) return clock(locale).format(date)
  if (days === 1) return words.yesterday
  if (days < 7) return weekday(locale).format(date)
  return (date.getFullYear() === now.getFullYear() ? monthDay : fullDate)(locale).format(date)
}

/** The divider between messages: the day, as in the list, then the time ("昨天 14:03"). */
export function dividerTime(iso: string, locale: Locale, words: DayWords, now = new Date()): string {
  const date = new Date(iso)
  const time = clock(locale).format(date)
  return daysAgo(date, now) <= 0 ? time : words.dayAndTime(listTime(iso, locale, words, now), time)
}

const GAP_MS = 5 * 60 * 1000

/** A divider goes before a message that starts a new day or follows a quiet spell of five minutes or more. */
export function needsDivider(previousIso: string | undefined, iso: string): boolean {
  if (!previousIso) return true
  const previous = new Date(previousIso)
  const date = new Date(iso)
  return date.getTime() - previous.getTime() >= GAP_MS || previous.toDateString() !== date.toDateString()
}
