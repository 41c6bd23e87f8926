import { useTranslation } from 'react-i18next'
import { TextField } from './text-field.js'

/** The phone input of the login and register forms: tel keyboard, autofill, one placeholder. */
export function PhoneField({
  value,
  onChange,
  error,
}: {
  value: string
  onChange: (value: string) => void
  error?: string | undefined
}) {
  const { t } = useTranslation()
  return (
    <TextField
      label={t('auth.phone')}
      name="phone"
      type="tel"
      inputMode="tel"
      autoComplete="tel"
      placeholder={t('auth.phonePlaceholder')}
      value={value}
      onChange={onChange}
      error={error}
    />
  )
}
