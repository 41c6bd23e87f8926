import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { isLocale, LOCALES, type Locale } from '../../shared/i18n/locales.js'
import { uiCatalogs } from '../../shared/i18n/ui/index.js'
import { configureApiClient } from '../api/client.js'
import { NETWORK_ERROR } from '../api/api-error.js'
import { applyDocumentLocale, initialLocale } from './locale.js'

export function setupI18n(): typeof i18next {
  const lng = initialLocale()
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    load: 'currentOnly',
    lowerCaseLng: false,
    cleanCode: false,
    ns: ['ui'],
    defaultNS: 'ui',
    resources: Object.fromEntries(LOCALES.map((locale) => [locale, { ui: uiCatalogs[locale] }])),
    interpolation: { escapeValue: false },
    initAsync: false,
    react: { useSuspense: false },
  })
  applyDocumentLocale(lng)
  document.title = i18next.t('app.name')
  i18next.on('languageChanged', (next) => {
    if (isLocale(next)) applyDocumentLocale(next)
    document.title = i18next.t('app.name')
  })
  configureApiClient({
    locale: activeLocale,
    fallbackMessage: (code) => i18next.t(code === NETWORK_ERROR ? 'common.networkError' : 'common.unexpectedError'),
  })
  return i18next
}

export function activeLocale(): Locale {
  const current = i18next.resolvedLanguage ?? i18next.language
  return isLocale(current) ? current : 'en'
}
