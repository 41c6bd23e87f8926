import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe, useResetPin } from '../api/accounts.js'
import { Button } from '../components/button.js'
import { CodeField } from '../components/code-field.js'
import { FormAlert } from '../components/form-alert.js'
import { PageHeader } from '../components/page-header.js'
import { ResultPanel } from '../components/result-panel.js'
import { SelectField } from '../components/select-field.js'
import { TextField } from '../components/text-field.js'
import { activeLocale } from '../i18n/setup.js'
import { useFormErrors } from '../lib/use-form-errors.js'
import { isSimplePin } from '../../shared/validation/pin.js'
import { documentTypesFor, type DocumentType } from '../../shared/validation/id-documents.js'

const FIELDS = ['code', 'idNumber', 'country', 'pin'] as const
const ERROR_FIELDS = {
  PHONE_CODE_REQUIRED: 'code',
  PHONE_CODE_INVALID: 'code',
  PHONE_CODE_EXPIRED: 'code',
  ID_NUMBER_MISMATCH: 'idNumber',
} as const

/** 忘记支付密码: a code to one's own phone and the verified document's number set a new PIN and end the lockout. */
export function ForgotPinPage() {
  const { t } = useTranslation()
  const me = useMe().data
  const reset = useResetPin()
  const errors = useFormErrors(FIELDS)
  const documentTypes = documentTypesFor(activeLocale())
  const [documentType, setDocumentType] = useState<DocumentType>(documentTypes[0] ?? 'cn-resident')
  const [code, setCode] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [country, setCountry] = useState('')
  const [pin, setPin] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    errors.reset()
    const problems = {
      code: /^\d{6}$/.test(code.trim()) ? undefined : t('validation.codeRequired'),
      idNumber: idNumber.trim() ? undefined : t('recovery.idNumberRequired'),
      pin: !/^\d{6}$/.test(pin) ? t('recovery.pinFormat') : isSimplePin(pin) ? t('validation.pinTooSimple') : undefined,
    }
    if (problems.code || problems.idNumber || problems.pin) return errors.setFieldErrors(problems)
    reset.mutate(
      {
        code: code.trim(),
        idNumber: idNumber.trim(),
        documentType,
        ...(documentType === 'passport' ? { country: country.trim().toUpperCase() } : {}),
        pin,
      },
      { onError: (error) => errors.showServerError(error, ERROR_FIELDS) },
    )
  }

  if (reset.isSuccess) {
    return (
      <div className="page">
        <PageHeader title={t('recovery.pinTitle')} backTo="/me" />
        <ResultPanel
          title={t('recovery.pinDone')}
          body={t('recovery.pinDoneBody')}
          linkTo="/wallet"
          linkLabel={t('wallet.backToWallet')}
        />
      </div>
    )
  }

  return (
    <div className="page">
      <PageHeader title={t('recovery.pinTitle')} backTo="/me" />
      <form className="card form" onSubmit={submit} noValidate>
        <p>{t('recovery.pinSubtitle')}</p>
        <CodeField
          phone={me?.phone}
          purpose="reset-pin"
          value={code}
          onChange={(value) => {
            setCode(value)
            errors.clearField('code')
          }}
          error={errors.fieldErrors.code}
          onRequestError={(message) => errors.setFormError(message)}
        />
        <p className="field__hint">{t('recovery.codeNotice')}</p>
        <SelectField
          label={t('realName.documentType')}
          name="documentType"
          options={documentTypes}
          value={documentType}
          onChange={setDocumentType}
          text={(option) => t(`realName.documents.${option}`)}
        />
        <TextField
          label={t('realName.idNumber')}
          name="idNumber"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={24}
          value={idNumber}
          onChange={(value) => {
            setIdNumber(value)
            errors.clearField('idNumber')
          }}
          error={errors.fieldErrors.idNumber}
        />
        {documentType === 'passport' && (
          <TextField
            label={t('realName.country')}
            name="country"
            autoCapitalize="characters"
            maxLength={3}
            placeholder={t('realName.countryPlaceholder')}
            value={country}
            onChange={setCountry}
            error={errors.fieldErrors.country}
          />
        )}
        <TextField
          label={t('recovery.newPin')}
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          value={pin}
          onChange={(value) => {
            setPin(value)
            errors.clearField('pin')
          }}
          error={errors.fieldErrors.pin}
        />
        <FormAlert message={errors.formError} />
        <Button type="submit" block pending={reset.isPending}>
          {t('recovery.pinSubmit')}
        </Button>
      </form>
    </div>
  )
}
