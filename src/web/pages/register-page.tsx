import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { useRegister } from '../api/accounts.js'
import { AuthLayout } from '../components/auth-layout.js'
import { Button } from '../components/button.js'
import { CodeField } from '../components/code-field.js'
import { FormAlert } from '../components/form-alert.js'
import { PhoneField } from '../components/phone-field.js'
import { TextField } from '../components/text-field.js'
import { activeLocale } from '../i18n/setup.js'
import { useFormErrors } from '../lib/use-form-errors.js'
import { MAX_DISPLAY_NAME_LENGTH, MIN_PASSWORD_LENGTH, parsePhone } from '../lib/validation.js'

const FIELDS = ['phone', 'code', 'password', 'displayName'] as const
const CODE_ERRORS = { PHONE_CODE_REQUIRED: 'code', PHONE_CODE_INVALID: 'code', PHONE_CODE_EXPIRED: 'code' } as const

export function RegisterPage() {
  const { t } = useTranslation()
  const location = useLocation()
  const register = useRegister()
  const errors = useFormErrors(FIELDS)
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [password, setPassword] = useState('')
  const [displayName, setDisplayName] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    errors.reset()
    const normalized = parsePhone(phone)
    const name = displayName.trim()
    const problems = {
      phone: normalized ? undefined : t('validation.phoneInvalid'),
      code: /^\d{6}$/.test(code.trim()) ? undefined : t('validation.codeRequired'),
      password: password.length >= MIN_PASSWORD_LENGTH ? undefined : t('validation.passwordTooShort'),
      displayName: name ? undefined : t('validation.displayNameRequired'),
    }
    if (!normalized || problems.code || problems.password || problems.displayName)
      return errors.setFieldErrors(problems)
    register.mutate(
      { phone: normalized, code: code.trim(), password, displayName: name, locale: activeLocale() },
      { onError: (error) => errors.showServerError(error, { PHONE_TAKEN: 'phone', ...CODE_ERRORS }) },
    )
  }

  return (
    <AuthLayout title={t('auth.registerTitle')} subtitle={t('auth.registerSubtitle')}>
      <form className="form" onSubmit={submit} noValidate>
        <PhoneField
          value={phone}
          onChange={(value) => {
            setPhone(value)
            errors.clearField('phone')
          }}
          error={errors.fieldErrors.phone}
        />
        <CodeField
          phone={parsePhone(phone)}
          purpose="register"
          value={code}
          onChange={(value) => {
            setCode(value)
            errors.clearField('code')
          }}
          error={errors.fieldErrors.code}
          onRequestError={(message) => errors.setFieldErrors({ phone: message })}
        />
        <TextField
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          placeholder={t('auth.newPasswordPlaceholder')}
          revealable
          value={password}
          onChange={(value) => {
            setPassword(value)
            errors.clearField('password')
          }}
          error={errors.fieldErrors.password}
        />
        <TextField
          label={t('auth.displayName')}
          name="displayName"
          autoComplete="nickname"
          maxLength={MAX_DISPLAY_NAME_LENGTH}
          placeholder={t('auth.displayNamePlaceholder')}
          value={displayName}
          onChange={(value) => {
            setDisplayName(value)
            errors.clearField('displayName')
          }}
          error={errors.fieldErrors.displayName}
        />
        <FormAlert message={errors.formError} />
        <Button type="submit" block pending={register.isPending}>
          {t('auth.registerSubmit')}
        </Button>
      </form>
      <p className="auth__switch">
        {t('auth.haveAccount')}{' '}
        <Link to="/login" state={location.state as unknown}>
          {t('auth.toLogin')}
        </Link>
      </p>
    </AuthLayout>
  )
}
