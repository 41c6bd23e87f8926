import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useUpdateProfile } from '../api/accounts.js'
import type { Me } from '../api/types.js'
import { maskPhone } from '../lib/format.js'
import { useFormErrors } from '../lib/use-form-errors.js'
import { MAX_DISPLAY_NAME_LENGTH } from '../lib/validation.js'
import { Avatar } from './avatar.js'
import { Button } from './button.js'
import { EditIcon } from './icons.js'
import { TextField } from './text-field.js'

const FIELDS = ['displayName'] as const

/** Avatar, display name (editable in place) and masked phone, at the top of the Me page. */
export function ProfileCard({ me }: { me: Me }) {
  const { t } = useTranslation()
  const update = useUpdateProfile()
  const errors = useFormErrors(FIELDS)
  const [draft, setDraft] = useState<string | null>(null)

  const save = (event: FormEvent) => {
    event.preventDefault()
    const name = (draft ?? '').trim()
    if (!name) return errors.setFieldErrors({ displayName: t('validation.displayNameRequired') })
    if (name === me.displayName) return setDraft(null)
    update.mutate(
      { displayName: name },
      { onSuccess: () => setDraft(null), onError: (error) => errors.showServerError(error, {}) },
    )
  }

  return (
    <section className="profile-card">
      <Avatar name={me.displayName} size={64} />
      {draft === null ? (
        <div className="profile-card__text">
          <div className="profile-card__name-row">
            <h2 className="profile-card__name" data-testid="display-name">
              {me.displayName}
            </h2>
            <button
              type="button"
              className="icon-button icon-button--on-brand"
              aria-label={t('me.editName')}
              onClick={() => {
                errors.reset()
                setDraft(me.displayName)
              }}
            >
              <EditIcon size={18} />
            </button>
          </div>
          <p className="profile-card__phone">
            <span className="visually-hidden">{t('me.phone')} </span>
            {maskPhone(me.phone)}
          </p>
        </div>
      ) : (
        <form className="profile-card__form" onSubmit={save} noValidate>
          <TextField
            label={t('me.editName')}
            value={draft}
            maxLength={MAX_DISPLAY_NAME_LENGTH}
            autoFocus
            onChange={(value) => {
              setDraft(value)
              errors.clearField('displayName')
            }}
            error={errors.fieldErrors.displayName ?? errors.formError}
          />
          <div className="profile-card__actions">
            <Button variant="ghost" onClick={() => setDraft(null)} disabled={update.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" pending={update.isPending}>
              {t('common.save')}
            </Button>
          </div>
        </form>
      )}
    </section>
  )
}
