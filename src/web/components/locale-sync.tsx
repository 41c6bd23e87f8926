import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe } from '../api/accounts.js'
import { storedLocale } from '../i18n/locale.js'
import { adoptLocale } from '../i18n/use-locale.js'

/** A device where nobody has picked a language yet takes the signed-in account's language. */
export function LocaleSync() {
  const { i18n } = useTranslation()
  const locale = useMe().data?.locale
  useEffect(() => {
    if (locale && !storedLocale()) adoptLocale(i18n, locale)
  }, [i18n, locale])
  return null
}
