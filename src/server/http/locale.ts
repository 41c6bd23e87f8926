import type { FastifyRequest } from 'fastify'
import { DEFAULT_LOCALE, localeFromAcceptLanguage, type Locale } from '../../shared/i18n/locales.js'

/** The user's own setting, else Accept-Language, else Simplified Chinese. */
export function requestLocale(request: FastifyRequest): Locale {
  return request.actor?.locale ?? headerLocale(request) ?? DEFAULT_LOCALE
}

export function headerLocale(request: FastifyRequest): Locale | undefined {
  const header = request.headers['accept-language']
  return localeFromAcceptLanguage(Array.isArray(header) ? header.join(',') : header)
}
