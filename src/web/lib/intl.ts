import type { Locale } from '../../shared/i18n/locales.js'

/** The BCP 47 tag that Intl formats a catalog's numbers and dates with. */
const INTL_TAGS: Record<Locale, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en' }

export function intlTag(locale: Locale): string {
  return INTL_TAGS[locale]
}

/** Intl formatters are costly to build and are used for every row of a list: one per locale and style. */
export function memoiseFormatter<F>(build: (tag: string) => F): (locale: Locale) => F {
  const cache = new Map<Locale, F>()
  return (locale) => {
    let formatter = cache.get(locale)
    if (!formatter) {
      formatter = build(intlTag(locale))
      cache.set(locale, formatter)
    }
    return formatter
  }
}

const percent = memoiseFormatter((tag) => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }))

/** 0.425 → "42.5%". */
export function formatPercent(fraction: number, locale: Locale): string {
  return percent(locale).format(fraction)
}
