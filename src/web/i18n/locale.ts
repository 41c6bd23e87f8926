import { isLocale, localeForTag, type Locale } from '../../shared/i18n/locales.js'

const STORAGE_KEY = 'lifecircle.locale'

/** The first of the browser's languages that we have a catalog for; English when none fits. */
export function detectLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const locale = localeForTag(tag)
    if (locale) return locale
  }
  return 'en'
}

/** The language the user picked on this device, if any. */
export function storedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isLocale(value) ? value : undefined
  } catch {
    return undefined
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private mode or storage disabled: the choice lasts for this visit only.
  }
}

export function initialLocale(): Locale {
  return storedLocale() ?? detectLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language])
}

/** `<html lang>` uses the same BCP 47 tags as the catalogs, so `:lang(zh-Hant)` picks the Traditional fonts. */
export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale
}
