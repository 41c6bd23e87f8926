import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe, useVerifyRealName } from '../api/accounts.js'
import { Button } from '../components/button.js'
import { FormAlert } from '../components/form-alert.js'
import { LockIcon, ShieldIcon } from '../components/icons.js'
import { PageHeader } from '../components/page-header.js'
import { ResultPanel } from '../components/result-panel.js'
import { TextField } from '../components/text-field.js'
import { useFormErrors } from '../lib/use-form-errors.js'
import { parseIdNumber } from '../lib/validation.js'

const FIELDS = ['name', 'idNumber'] as const
const FIELD_FOR_CODE = {
  INVALID_ID_NUMBER: 'idNumber',
  UNDERAGE: 'idNumber',
  ID_NUMBER_TAKEN: 'idNumber',
} as const

export function RealNamePage() {
  const { t } = useTranslation()
  const me = useMe().data
  const verify = useVerifyRealName()
  const errors = useFormErrors(FIELDS)
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')

  const verifiedAs = verify.data?.maskedName ?? (me?.realName.verified ? me.realName.maskedName : null)
  if (verifiedAs) {
    return (
      <div className="page">
        <PageHeader title={t('realName.title')} backTo="/me" />
        <ResultPanel
          title={t('realName.doneTitle')}
          body={t('realName.doneBody', { maskedName: verifiedAs })}
          linkTo="/me"
          linkLabel={t('realName.backToMe')}
        />
      </div>
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    errors.reset()
    const trimmedName = name.trim()
    const parsed = parseIdNumber(idNumber)
    const problems = {
      name: Array.from(trimmedName).length >= 2 ? undefined : t('validation.realNameRequired'),
      idNumber:
        'problem' in parsed
          ? t(parsed.problem === 'format' ? 'validation.idNumberFormat' : 'validation.idNumberInvalid')
          : undefined,
    }
    if (problems.name || 'problem' in parsed) return errors.setFieldErrors(problems)
    verify.mutate(
      { name: trimmedName, idNumber: parsed.idNumber },
      { onError: (error) => errors.showServerError(error, FIELD_FOR_CODE) },
    )
  }

  return (
    <div className="page">
      <PageHeader title={t('realName.title')} backTo="/me" />
      <section className="card notice">
        <h2 className="notice__title">
          <ShieldIcon size={20} />
          {t('realName.whyTitle')}
        </h2>
        <p>{t('realName.why')}</p>
        <p className="notice__privacy">
          <LockIcon size={16} />
          <span>{t('realName.privacy')}</span>
        </p>
      </section>
      <form className="card form" onSubmit={submit} noValidate>
        <TextField
          label={t('realName.name')}
          name="name"
          autoComplete="name"
          placeholder={t('realName.namePlaceholder')}
          value={name}
          onChange={(value) => {
            setName(value)
            errors.clearField('name')
          }}
          error={errors.fieldErrors.name}
        />
        <TextField
          label={t('realName.idNumber')}
          name="idNumber"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={22}
          placeholder={t('realName.idNumberPlaceholder')}
          value={idNumber}
          onChange={(value) => {
            setIdNumber(value)
            errors.clearField('idNumber')
          }}
          error={errors.fieldErrors.idNumber}
        />
        <FormAlert message={errors.formError} />
        <Button type="submit" block pending={verify.isPending}>
          {t('realName.submit')}
        </Button>
      </form>
    </div>
  )
}
