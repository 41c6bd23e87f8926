import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useResetPassword } from '../api/accounts.js'
import { AuthLayout } from '../components/auth-layout.js'
import { Button } from '../components/button.js'
import { CodeField } from '../components/code-field.js'
import { FormAlert } from '../components/form-alert.js'
import { PhoneField } from '../components/phone-field.js'
import { ResultPanel } from '../components/result-panel.js'
import { TextField } from '../components/text-field.js'
import { useFormErrors } from '../lib/use-form-errors.js'
import { MIN_PASSWORD_LENGTH, parsePhone } from '../lib/validation.js'

const FIELDS = ['phone', 'code', 'newPassword'] as const
const CODE_ERRORS = { PHONE_CODE_REQUIRED: 'code', PHONE_CODE_INVALID: 'code', PHONE_CODE_EXPIRED: 'code' } as const

/** 忘记密码: a code to the phone, a new password; every session ends, so the next step is logging in. */
export function ForgotPasswordPage() {
  const { t } = useTranslation()
  const reset = useResetPassword()
  const errors = useFormErrors(FIELDS)
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [newPassword, setNewPassword] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    errors.reset()
    const normalized = parsePhone(phone)
    const problems = {
      phone: normalized ? undefined : t('validation.phoneInvalid'),
      code: /^\d{6}$/.test(code.trim()) ? undefined : t('validation.codeRequired'),
      newPassword: newPassword.length >= MIN_PASSWORD_LENGTH ? undefined : t('validation.passwordTooShort'),
    }
    if (!normalized || problems.code || problems.newPassword) return errors.setFieldErrors(problems)
    reset.mutate(
      { phone: normalized, code: code.trim(), newPassword },
      { onError: (error) => errors.showServerError(error, CODE_ERRORS) },
    )
  }

  if (reset.isSuccess) {
    return (
      <AuthLayout title={t('recovery.passwordTitle')} subtitle="">
        <ResultPanel
          title={t('recovery.passwordDone')}
          body={t('recovery.passwordDoneBody')}
          linkTo="/login"
          linkLabel={t('auth.toLogin')}
        />
      </AuthLayout>
    )
  }

  return (
    <AuthLayout title={t('recovery.passwordTitle')} subtitle={t('recovery.passwordSubtitle')}>
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
          purpose="reset-password"
          value={code}
          onChange={(value) => {
            setCode(value)
            errors.clearField('code')
          }}
          error={errors.fieldErrors.code}
          onRequestError={(message) => errors.setFieldErrors({ phone: message })}
        />
        <p className="field__hint">{t('recovery.codeNotice')}</p>
        <TextField
          label={t('recovery.newPassword')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          placeholder={t('auth.newPasswordPlaceholder')}
          revealable
          value={newPassword}
          onChange={(value) => {
            setNewPassword(value)
            errors.clearField('newPassword')
          }}
          error={errors.fieldErrors.newPassword}
        />
        <FormAlert message={errors.formError} />
        <Button type="submit" block pending={reset.isPending}>
          {t('recovery.passwordSubmit')}
        </Button>
      </form>
      <p className="auth__switch">
        <Link to="/login">{t('auth.toLogin')}</Link>
      </p>
    </AuthLayout>
  )
}
