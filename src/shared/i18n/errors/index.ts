import type { Locale } from '../locales.js'
import { errorsEn } from './en.js'
import type { ErrorCatalog, ErrorKey } from './types.js'
import { errorsZhHans } from './zh-hans.js'
import { errorsZhHant } from './zh-hant.js'

export type { ErrorCatalog, ErrorKey }

export const errorCatalogs: Record<Locale, ErrorCatalog> = {
  'zh-Hans': errorsZhHans,
  'zh-Hant': errorsZhHant,
  en: errorsEn,
}

export function isErrorKey(code: string): code is ErrorKey {
  return Object.hasOwn(errorsEn, code)
}
