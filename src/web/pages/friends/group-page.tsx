import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import type { GroupView, PersonView } from '../../../shared/api/social.js'
import { useMe } from '../../api/accounts.js'
import { useAddGroupMembers, useGroup, useRemoveGroupMember, useRenameGroup } from '../../api/groups.js'
import { Avatar } from '../../components/avatar.js'
import { Button } from '../../components/button.js'
import { ConfirmSheet } from '../../components/confirm-sheet.js'
import { FormAlert } from '../../components/form-alert.js'
import { FriendPicker } from '../../components/friends/friend-picker.js'
import { ChatIcon, CloseIcon, EditIcon, PlusIcon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { Sheet } from '../../components/sheet.js'
import { Spinner } from '../../components/spinner.js'
import { TextField } from '../../components/text-field.js'
import { useBackPath } from '../../lib/back-path.js'
import { GROUP_NAME_MAX } from '../../lib/validation.js'

type Open = 'rename' | 'add' | 'leave' | null

/** A group: its members (the owner marked), rename and remove members for the owner, add members, leave. */
export function GroupPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const group = useGroup(id)
  const back = useBackPath('/groups')

  return (
    <div className="page">
      <PageHeader title={group.data?.name ?? t('groups.title')} backTo={back} />
      {group.isPending ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : group.isError ? (
        <p className="list-end">{group.error.message}</p>
      ) : (
        <GroupDetail group={group.data} />
      )}
    </div>
  )
}

function GroupDetail({ group }: { group: GroupView }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const me = useMe().data
  const leave = useRemoveGroupMember()
  const remove = useRemoveGroupMember()
  const [open, setOpen] = useState<Open>(null)
  const [removing, setRemoving] = useState<PersonView | null>(null)
  const owner = group.ownerId === me?.id

  return (
    <>
      <section className="card list" aria-labelledby="members-heading">
        <h2 className="list__heading" id="members-heading">
          {t('groups.members')} · {t('groups.memberCount', { count: group.members.length })}
        </h2>
        <ul className="member-grid">
          {group.members.map((member) => (
            <li key={member.id} className="member-grid__item" data-testid="group-member">
              <Avatar name={member.displayName} url={member.avatarUrl} size={48} />
              <span className="member-grid__name">{member.displayName}</span>
              {member.id === group.ownerId && <span className="badge badge--brand">{t('groups.owner')}</span>}
              {owner && member.id !== group.ownerId && (
                <button
                  type="button"
                  className="member-grid__remove"
                  aria-label={t('groups.removeMember', { name: member.displayName })}
                  onClick={() => {
                    remove.reset()
                    setRemoving(member)
                  }}
                >
                  <CloseIcon size={12} />
                </button>
              )}
            </li>
          ))}
          <li className="member-grid__item">
            <button
              type="button"
              className="member-grid__add"
              aria-label={t('groups.addMembers')}
              onClick={() => setOpen('add')}
            >
              <PlusIcon size={24} />
            </button>
            <span className="member-grid__name">{t('groups.add')}</span>
          </li>
        </ul>
      </section>
      <Link className="button button--primary button--block" to={`/chat/${encodeURIComponent(group.conversationId)}`}>
        <ChatIcon size={18} />
        <span>{t('chat.groupChat')}</span>
      </Link>
      {owner && (
        <Button variant="secondary" block onClick={() => setOpen('rename')}>
          <EditIcon size={18} />
          {t('groups.rename')}
        </Button>
      )}
      <Button variant="secondary" block className="danger-text" onClick={() => setOpen('leave')}>
        {t('groups.leave')}
      </Button>
      <RenameSheet group={group} open={open === 'rename'} onClose={() => setOpen(null)} />
      <AddMembersSheet key={String(open === 'add')} group={group} open={open === 'add'} onClose={() => setOpen(null)} />
      <ConfirmSheet
        open={removing !== null}
        title={t('groups.removeTitle', { name: removing?.displayName ?? '', group: group.name })}
        body={t('groups.removeBody')}
        confirmLabel={t('groups.remove')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing && remove.mutate({ id: group.id, userId: removing.id }, { onSuccess: () => setRemoving(null) })
        }
      />
      <ConfirmSheet
        open={open === 'leave'}
        title={t('groups.leaveTitle', { name: group.name })}
        body={t('groups.leaveBody')}
        confirmLabel={t('groups.leave')}
        pending={leave.isPending}
        error={leave.error}
        onClose={() => setOpen(null)}
        onConfirm={() =>
          me &&
          leave.mutate(
            { id: group.id, userId: me.id },
            { onSuccess: () => void navigate('/groups', { replace: true }) },
          )
        }
      />
    </>
  )
}

function RenameSheet({ group, open, onClose }: { group: GroupView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const rename = useRenameGroup()
  const [name, setName] = useState(group.name)
  const [problem, setProblem] = useState<string | undefined>()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) return setProblem(t('groups.nameRequired'))
    rename.mutate({ id: group.id, name: trimmed }, { onSuccess: onClose })
  }

  return (
    <Sheet open={open} onClose={onClose} title={t('groups.rename')}>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t('groups.name')}
          maxLength={GROUP_NAME_MAX}
          value={name}
          onChange={(value) => {
            setName(value)
            setProblem(undefined)
          }}
          error={problem}
        />
        <FormAlert message={rename.error?.message} />
        <Button type="submit" block pending={rename.isPending}>
          {t('common.save')}
        </Button>
      </form>
    </Sheet>
  )
}

function AddMembersSheet({ group, open, onClose }: { group: GroupView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const add = useAddGroupMembers()
  const [picked, setPicked] = useState<string[]>([])
  return (
    <Sheet open={open} onClose={onClose} title={t('groups.addMembers')}>
      <div className="form">
        <FriendPicker
          label={t('groups.addMembers')}
          selected={picked}
          exclude={group.members.map((member) => member.id)}
          onChange={setPicked}
        />
        <FormAlert message={add.error?.message} />
        <Button
          block
          disabled={picked.length === 0}
          pending={add.isPending}
          onClick={() => add.mutate({ id: group.id, userIds: picked }, { onSuccess: onClose })}
        >
          {t('groups.add')}
        </Button>
      </div>
    </Sheet>
  )
}
