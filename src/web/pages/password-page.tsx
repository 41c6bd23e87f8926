import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useChangePassword } from '../api/accounts.js'
import { Button } from '../components/button.js'
import { FormAlert } from '../components/form-alert.js'
import { PageHeader } from '../components/page-header.js'
import { ResultPanel } from '../components/result-panel.js'
import { TextField } from '../components/text-field.js'
import { useFormErrors } from '../lib/use-form-errors.js'

const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const
const PASSWORD_MIN = 8

/** Change the login password; every other device is signed out by it. */
export function PasswordPage() {
  const { t } = useTranslation()
  const change = useChangePassword()
  const errors = useFormErrors(FIELDS)
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' })
  const [done, setDone] = useState(false)

  const field = (name: (typeof FIELDS)[number]) => ({
    value: values[name],
    onChange: (value: string) => {
      setValues((current) => ({ ...current, [name]: value }))
      errors.clearField(name)
    },
    error: errors.fieldErrors[name],
  })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    errors.reset()
    const problems = {
      currentPassword: values.currentPassword ? undefined : t('validation.passwordRequired'),
      newPassword: values.newPassword.length >= PASSWORD_MIN ? undefined : t('validation.passwordTooShort'),
      confirm: values.confirm === values.newPassword ? undefined : t('password.mismatch'),
    }
    if (Object.values(problems).some(Boolean)) return errors.setFieldErrors(problems)
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => setDone(true),
        onError: (error) =>
          errors.showServerError(error, { PASSWORD_INCORRECT: 'currentPassword', VALIDATION_FAILED: 'newPassword' }),
      },
    )
  }

  if (done) {
    return (
      <div className="page">
        <PageHeader title={t('password.title')} backTo="/me/security" />
        <ResultPanel
          title={t('password.done')}
          body={t('password.doneBody')}
          linkTo="/me/security"
          linkLabel={t('password.backToSecurity')}
        />
      </div>
    )
  }

  return (
    <div className="page">
      <PageHeader title={t('password.title')} backTo="/me/security" />
      <form className="card form password-form" onSubmit={submit} noValidate>
        <TextField
          label={t('password.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          revealable
          {...field('currentPassword')}
        />
        <TextField
          label={t('password.new')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t('password.hint')}
          revealable
          {...field('newPassword')}
        />
        <TextField
          label={t('password.confirm')}
          name="confirm"
          type="password"
          autoComplete="new-password"
          revealable
          {...field('confirm')}
        />
        <FormAlert message={errors.formError} />
        <Button type="submit" block pending={change.isPending}>
          {t('password.submit')}
        </Button>
      </form>
    </div>
  )
}
