import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Time left until `iso` in whole units, as a countdown shows it; zero once it has passed. */
export function splitRemaining(iso: string, now: number) {
  const left = Math.max(0, new Date(iso).getTime() - now)
  return {
    left,
    days: Math.floor(left / DAY),
    hours: Math.floor((left % DAY) / HOUR),
    minutes: Math.floor((left % HOUR) / MINUTE),
    seconds: Math.floor((left % MINUTE) / SECOND),
  }
}

/**
 * "2 天 3 小时", "5 小时 12 分", "12 分 30 秒" until `iso`, ticking each second; null without a deadline or once it
 * has passed (the server then closes or confirms the order, and the page's next refetch shows it).
 */
export function useCountdown(iso: string | null | undefined): string | null {
  const { t } = useTranslation()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!iso) return
    const timer = window.setInterval(() => setNow(Date.now()), SECOND)
    return () => window.clearInterval(timer)
  }, [iso])
  if (!iso) return null
  const { left, days, hours, minutes, seconds } = splitRemaining(iso, now)
  if (left === 0) return null
  if (days > 0) return t('duration.daysHours', { days, hours })
  if (hours > 0) return t('duration.hoursMinutes', { hours, minutes })
  return t('duration.minutesSeconds', { minutes, seconds })
}
