import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PhoneCodeInput } from '../api/types.js'
import { useRequestCode } from '../api/accounts.js'
import { Button } from './button.js'
import { ShieldIcon } from './icons.js'
import { TextField } from './text-field.js'

const RESEND_SECONDS = 60

interface CodeFieldProps {
  /** The phone to send to, already checked; undefined when the form's phone is not one yet. */
  phone: string | undefined
  purpose: PhoneCodeInput['purpose']
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  /** Told when the phone is missing or the server refused the ask, with the message to show. */
  onRequestError: (message: string) => void
}

/**
 * The SMS code and its "get code" button. A register code from a sandbox server is shown as the sandbox SMS it
 * stands for, labelled like sandbox money; reset codes never come back to the page.
 */
export function CodeField({ phone, purpose, value, onChange, error, onRequestError }: CodeFieldProps) {
  const { t } = useTranslation()
  const requestCode = useRequestCode()
  const [sandboxCode, setSandboxCode] = useState<string | undefined>()
  const [sent, setSent] = useState(false)
  const [wait, setWait] = useState(0)

  useEffect(() => {
    if (wait <= 0) return
    const timer = setTimeout(() => setWait((seconds) => seconds - 1), 1000)
    return () => clearTimeout(timer)
  }, [wait])

  const ask = () => {
    if (!phone) return onRequestError(t('validation.phoneInvalid'))
    requestCode.mutate(
      { phone, purpose },
      {
        onSuccess: (result) => {
          setSandboxCode(result.sandboxCode)
          setSent(true)
          setWait(RESEND_SECONDS)
        },
        onError: (failure) => onRequestError(failure.message),
      },
    )
  }

  return (
    <>
      <div className="code-field">
        <TextField
          label={t('code.label')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          placeholder={t('code.placeholder')}
          value={value}
          onChange={onChange}
          error={error}
          hint={sent && !sandboxCode ? t('code.sent') : undefined}
        />
        <Button variant="secondary" onClick={ask} pending={requestCode.isPending} disabled={wait > 0}>
          {wait > 0 ? t('code.resendIn', { seconds: wait }) : sent ? t('code.resend') : t('code.get')}
        </Button>
      </div>
      {sandboxCode && (
        <section className="card notice notice--sandbox" data-testid="sandbox-sms">
          <h2 className="notice__title">
            <ShieldIcon size={20} />
            {t('code.sandboxTitle')}
          </h2>
          <p>{t('code.sandboxBody', { code: sandboxCode })}</p>
        </section>
      )}
    </>
  )
}
