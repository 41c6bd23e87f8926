import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { useLogin } from '../api/accounts.js'
import { AuthLayout } from '../components/auth-layout.js'
import { Button } from '../components/button.js'
import { FormAlert } from '../components/form-alert.js'
import { PhoneField } from '../components/phone-field.js'
import { TextField } from '../components/text-field.js'
import { adoptLocale } from '../i18n/use-locale.js'
import { useFormErrors } from '../lib/use-form-errors.js'
import { parsePhone } from '../lib/validation.js'

const FIELDS = ['phone', 'password'] as const

export function LoginPage() {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  const login = useLogin()
  const errors = useFormErrors(FIELDS)
  const [phone, setPhone] = useState('')
  const [password, setPassword] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    errors.reset()
    const normalized = parsePhone(phone)
    const problems = {
      phone: normalized ? undefined : t('validation.phoneInvalid'),
      password: password ? undefined : t('validation.passwordRequired'),
    }
    if (!normalized || problems.password) return errors.setFieldErrors(problems)
    login.mutate(
      { phone: normalized, password },
      {
        onSuccess: (me) => adoptLocale(i18n, me.locale),
        onError: (error) => errors.showServerError(error),
      },
    )
  }

  return (
    <AuthLayout title={t('auth.loginTitle')} subtitle={t('auth.loginSubtitle')}>
      <form className="form" onSubmit={submit} noValidate>
        <PhoneField
          value={phone}
          onChange={(value) => {
            setPhone(value)
            errors.clearField('phone')
          }}
          error={errors.fieldErrors.phone}
        />
        <TextField
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          placeholder={t('auth.passwordPlaceholder')}
          revealable
          value={password}
          onChange={(value) => {
            setPassword(value)
            errors.clearField('password')
          }}
          error={errors.fieldErrors.password}
        />
        <FormAlert message={errors.formError} />
        <Button type="submit" block pending={login.isPending}>
          {t('auth.loginSubmit')}
        </Button>
      </form>
      <p className="auth__switch">
        <Link to="/forgot-password">{t('auth.forgotPassword')}</Link>
      </p>
      <p className="auth__switch">
        {t('auth.noAccount')}{' '}
        <Link to="/register" state={location.state as unknown}>
          {t('auth.toRegister')}
        </Link>
      </p>
    </AuthLayout>
  )
}
