import { useTranslation } from 'react-i18next'
import { LOCALES } from '../../shared/i18n/locales.js'
import { localeNames } from '../../shared/i18n/ui/index.js'
import { useLocale } from '../i18n/use-locale.js'

/** Three choices side by side, each written in its own script. */
export function LanguageSwitch() {
  const { t } = useTranslation()
  const { locale, setLocale } = useLocale()
  return (
    <div className="segmented" role="radiogroup" aria-label={t('me.language')}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          lang={option}
          aria-checked={option === locale}
          className="segmented__option"
          onClick={() => setLocale(option)}
        >
          {localeNames[option]}
        </button>
      ))}
    </div>
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
