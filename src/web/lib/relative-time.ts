import type { Locale } from '../../shared/i18n/locales.js'
import { formatTime } from './dates.js'
import { memoiseFormatter } from './intl.js'

const relative = memoiseFormatter((tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }))

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * A post's age as WeChat shows it: "3 分钟前", "2 小时前", "昨天", "3 天前"; a week or older, the date. Under a
 * minute is `null`: the caller says "刚刚" in its own words.
 */
export function formatAge(iso: string, locale: Locale, now = Date.now()): string | null {
  const elapsed = Math.max(0, now - new Date(iso).getTime())
  if (elapsed < MINUTE) return null
  if (elapsed < HOUR) return relative(locale).format(-Math.floor(elapsed / MINUTE), 'minute')
  if (elapsed < DAY) return relative(locale).format(-Math.floor(elapsed / HOUR), 'hour')
  if (elapsed < 7 * DAY) return relative(locale).format(-Math.floor(elapsed / DAY), 'day')
  return formatTime(iso, locale, new Date(now))
}
