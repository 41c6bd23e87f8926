import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useCreateGroup } from '../../api/groups.js'
import { Button } from '../../components/button.js'
import { FormAlert } from '../../components/form-alert.js'
import { FriendPicker } from '../../components/friends/friend-picker.js'
import { PageHeader } from '../../components/page-header.js'
import { TextField } from '../../components/text-field.js'
import { useFormErrors } from '../../lib/use-form-errors.js'
import { GROUP_NAME_MAX } from '../../lib/validation.js'

const FIELDS = ['name', 'memberIds'] as const

/** 发起群聊: a name and the friends to start with. */
export function GroupCreatePage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const create = useCreateGroup()
  const errors = useFormErrors(FIELDS)
  const [name, setName] = useState('')
  const [memberIds, setMemberIds] = useState<string[]>([])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    errors.reset()
    const trimmed = name.trim()
    const problems = {
      name: trimmed ? undefined : t('groups.nameRequired'),
      memberIds: memberIds.length > 0 ? undefined : t('groups.pickAtLeastOne'),
    }
    if (problems.name || problems.memberIds) return errors.setFieldErrors(problems)
    create.mutate(
      { name: trimmed, memberIds },
      {
        onSuccess: (group) => void navigate(`/groups/${encodeURIComponent(group.id)}`, { replace: true }),
        onError: (error) => errors.showServerError(error),
      },
    )
  }

  return (
    <div className="page">
      <PageHeader title={t('groups.create')} backTo="/groups" />
      <form className="form" onSubmit={submit} noValidate>
        <section className="card form">
          <TextField
            label={t('groups.name')}
            placeholder={t('groups.namePlaceholder')}
            maxLength={GROUP_NAME_MAX}
            value={name}
            onChange={(value) => {
              setName(value)
              errors.clearField('name')
            }}
            error={errors.fieldErrors.name}
          />
        </section>
        <section className="card list" aria-labelledby="pick-heading">
          <h2 className="list__heading" id="pick-heading">
            {t('groups.pickMembers')}
          </h2>
          <FriendPicker
            label={t('groups.pickMembers')}
            selected={memberIds}
            onChange={(next) => {
              setMemberIds(next)
              errors.clearField('memberIds')
            }}
          />
          {errors.fieldErrors.memberIds && (
            <div className="list__body">
              <FormAlert message={errors.fieldErrors.memberIds} />
            </div>
          )}
        </section>
        <FormAlert message={errors.formError} />
        <Button type="submit" block pending={create.isPending}>
          {t('groups.createSubmit')}
        </Button>
      </form>
    </div>
  )
}
