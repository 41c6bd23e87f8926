import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '../../shared/i18n/locales.js'
import { useMe, useUpdateProfile } from '../api/accounts.js'
import { storeLocale } from './locale.js'
import { activeLocale } from './setup.js'

/** Switches the UI language on this device and, when signed in, saves it to the account. */
export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { i18n } = useTranslation()
  const me = useMe()
  const updateProfile = useUpdateProfile()
  const signedIn = Boolean(me.data)
  const { mutate } = updateProfile

  const setLocale = useCallback(
    (locale: Locale) => {
      storeLocale(locale)
      void i18n.changeLanguage(locale)
      if (signedIn) mutate({ locale })
    },
    [i18n, signedIn, mutate],
  )

  return { locale: activeLocale(), setLocale }
}

/** Adopts a language without saving it to the account: used when the account's own setting is loaded. */
export function adoptLocale(i18n: { changeLanguage: (lng: string) => unknown }, locale: Locale): void {
  storeLocale(locale)
  void i18n.changeLanguage(locale)
}
