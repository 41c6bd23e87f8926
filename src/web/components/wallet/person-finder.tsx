import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '../../../shared/api/accounts.js'
import { useMe } from '../../api/accounts.js'
import { useUserByPhone } from '../../api/wallet.js'
import { parsePhone } from '../../lib/validation.js'
import { Button } from '../button.js'
import { TextField } from '../text-field.js'
import { PersonCard } from './person-card.js'

/**
 * Finds someone by exact phone number and shows their name with the masked real name ("阿杰 (*志杰)"), so that
 * the payer can be sure before any money moves. Money needs a verified payee; `requireRealName={false}` (adding a
 * friend) lets anyone through.
 */
export function PersonFinder({
  onConfirm,
  requireRealName = true,
}: {
  onConfirm: (person: UserSummary) => void
  requireRealName?: boolean
}) {
  const { t } = useTranslation()
  const me = useMe().data
  const [phone, setPhone] = useState('')
  const [searched, setSearched] = useState<string | undefined>()
  const [problem, setProblem] = useState<string | undefined>()
  const lookup = useUserByPhone(searched)
  const found = searched !== undefined ? lookup.data?.items[0] : undefined

  const search = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parsePhone(phone)
    setSearched(undefined)
    if (!parsed) return setProblem(t('validation.phoneInvalid'))
    if (parsed === me?.phone) return setProblem(t('person.yourself'))
    setProblem(undefined)
    setSearched(parsed)
  }

  if (found) {
    return (
      <section className="card form" aria-labelledby="confirm-person">
        <h2 className="form__heading" id="confirm-person">
          {t('person.confirm')}
        </h2>
        <PersonCard person={found} phone={searched} />
        {requireRealName && !found.maskedName && <p className="form-alert">{t('person.notVerified')}</p>}
        <div className="form__actions">
          <Button variant="secondary" onClick={() => setSearched(undefined)}>
            {t('person.change')}
          </Button>
          <Button onClick={() => onConfirm(found)} disabled={requireRealName && !found.maskedName}>
            {t('person.confirmYes')}
          </Button>
        </div>
      </section>
    )
  }

  const serverProblem =
    lookup.error?.message ?? (lookup.data && lookup.data.items.length === 0 ? t('person.notFound') : undefined)
  return (
    <form className="card form" onSubmit={search} noValidate>
      <TextField
        label={t('person.phone')}
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        placeholder={t('person.phonePlaceholder')}
        value={phone}
        onChange={(value) => {
          setPhone(value)
          setProblem(undefined)
          setSearched(undefined)
        }}
        error={problem ?? (searched !== undefined ? serverProblem : undefined)}
        autoFocus
      />
      <Button type="submit" block pending={lookup.isFetching}>
        {t('person.find')}
      </Button>
    </form>
  )
}
