import { useTranslation } from 'react-i18next'
import { LOCALES } from '../../shared/i18n/locales.js'
import { localeNames } from '../../shared/i18n/ui/index.js'
import { useLocale } from '../i18n/use-locale.js'
import { Segmented } from './segmented.js'

/** Three choices side by side, each written in its own script. */
export function LanguageSwitch() {
  const { t } = useTranslation()
  const { locale, setLocale } = useLocale()
  return (
    <Segmented
      label={t('me.language')}
      options={LOCALES}
      value={locale}
      onChange={setLocale}
      text={(option) => localeNames[option]}
      lang={(option) => option}
    />
  )
}

/** A compact language picker for the pages shown before logging in. */
export function LanguageSelect() {
  const { t } = useTranslation()
  const { locale, setLocale } = useLocale()
  return (
    <label className="language-select">
      <span className="visually-hidden">{t('auth.languageLabel')}</span>
      <select
        value={locale}
        onChange={(event) => setLocale(event.target.value as (typeof LOCALES)[number])}
        className="language-select__control"
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {localeNames[option]}
          </option>
        ))}
      </select>
    </label>
  )
}
