import type { Locale } from '../locales.js'
import { uiEn, type UiCatalog } from './en.js'
import { uiZhHans } from './zh-hans.js'
import { uiZhHant } from './zh-hant.js'

export type { UiCatalog }

export const uiCatalogs: Record<Locale, UiCatalog> = {
  'zh-Hans': uiZhHans,
  'zh-Hant': uiZhHant,
  en: uiEn,
}

/** What each language calls itself: shown in the language switch whatever the active language is. */
export const localeNames: Record<Locale, string> = {
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  en: 'English',
}
