import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe, useVerifyRealName } from '../api/accounts.js'
import { Button } from '../components/button.js'
import { FormAlert } from '../components/form-alert.js'
import { LockIcon, ShieldIcon } from '../components/icons.js'
import { PageHeader } from '../components/page-header.js'
import { ResultPanel } from '../components/result-panel.js'
import { SelectField } from '../components/select-field.js'
import { TextField } from '../components/text-field.js'
import { activeLocale } from '../i18n/setup.js'
import { useFormErrors } from '../lib/use-form-errors.js'
import { checkRealNameDocument } from '../lib/validation.js'
import { asksForBirthDate, documentTypesFor, type DocumentType } from '../../shared/validation/id-documents.js'
import { chinaDate } from '../../shared/validation/id-number.js'

const FIELDS = ['name', 'idNumber', 'birthDate', 'country'] as const
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
  const documentTypes = documentTypesFor(activeLocale())
  const [documentType, setDocumentType] = useState<DocumentType>(documentTypes[0] ?? 'cn-resident')
  const [idNumber, setIdNumber] = useState('')
  const [birthDate, setBirthDate] = useState('')
  const [country, setCountry] = useState('')
  const isPassport = documentType === 'passport'

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
    const nameProblem = Array.from(trimmedName).length >= 2 ? undefined : t('validation.realNameRequired')
    const { body, problems } = checkRealNameDocument(
      { documentType, idNumber, birthDate, country },
      chinaDate(new Date()),
    )
    if (nameProblem || !body) {
      const idProblem = problems.idNumber
      errors.setFieldErrors({
        name: nameProblem,
        idNumber: idProblem && ('params' in idProblem ? t(idProblem.key, idProblem.params) : t(idProblem.key)),
        birthDate: problems.birthDate && t(problems.birthDate),
        country: problems.country && t(problems.country),
      })
      return
    }
    // Where the birth date was typed, being under age is about that field.
    const fieldForCode = asksForBirthDate(documentType)
      ? { ...FIELD_FOR_CODE, UNDERAGE: 'birthDate' as const }
      : FIELD_FOR_CODE
    verify.mutate({ name: trimmedName, ...body }, { onError: (error) => errors.showServerError(error, fieldForCode) })
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
        <SelectField
          label={t('realName.documentType')}
          name="documentType"
          options={documentTypes}
          value={documentType}
          onChange={(value) => {
            setDocumentType(value)
            errors.reset()
          }}
          text={(option) => t(`realName.documents.${option}`)}
        />
        <TextField
          label={t('realName.idNumber')}
          name="idNumber"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={24}
          placeholder={t(`realName.idNumberPlaceholders.${documentType}`)}
          value={idNumber}
          onChange={(value) => {
            setIdNumber(value)
            errors.clearField('idNumber')
          }}
          error={errors.fieldErrors.idNumber}
        />
        {isPassport && (
          <TextField
            label={t('realName.country')}
            name="country"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={3}
            placeholder={t('realName.countryPlaceholder')}
            value={country}
            onChange={(value) => {
              setCountry(value)
              errors.clearField('country')
            }}
            error={errors.fieldErrors.country}
          />
        )}
        {asksForBirthDate(documentType) && (
          <TextField
            label={t('realName.birthDate')}
            name="birthDate"
            type="date"
            autoComplete="bday"
            max={chinaDate(new Date())}
            value={birthDate}
            onChange={(value) => {
              setBirthDate(value)
              errors.clearField('birthDate')
            }}
            error={errors.fieldErrors.birthDate}
          />
        )}
        <FormAlert message={errors.formError} />
        <Button type="submit" block pending={verify.isPending}>
          {t('realName.submit')}
        </Button>
      </form>
    </div>
  )
}
