import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { isLocale, type Locale } from '../../shared/i18n/locales.js'
import { formatMonthKey, formatMonthShort, formatTime } from './dates.js'
import { formatPercent } from './intl.js'
import { formatMoney, formatMoneyCompact } from './money.js'
import { formatAge } from './relative-time.js'

/** Money and date formatters for the active language; components re-render when it changes. */
export function useFormat() {
  const { i18n } = useTranslation()
  const current = i18n.resolvedLanguage ?? i18n.language
  const locale: Locale = isLocale(current) ? current : 'en'
  return useMemo(
    () => ({
      locale,
      money: (fen: number, options?: { signed?: boolean; short?: boolean }) => formatMoney(fen, locale, options),
      moneyCompact: (fen: number) => formatMoneyCompact(fen, locale),
      time: (iso: string) => formatTime(iso, locale),
      age: (iso: string) => formatAge(iso, locale),
      month: (key: string) => formatMonthKey(key, locale),
      monthShort: (month: number) => formatMonthShort(month, locale),
      percent: (fraction: number) => formatPercent(fraction, locale),
    }),
    [locale],
  )
}
