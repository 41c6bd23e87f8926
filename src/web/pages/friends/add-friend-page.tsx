import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '../../../shared/api/accounts.js'
import type { FriendRequestView } from '../../../shared/api/social.js'
import { useMe } from '../../api/accounts.js'
import { useSendFriendRequest } from '../../api/friends.js'
import { Button } from '../../components/button.js'
import { FormAlert } from '../../components/form-alert.js'
import { PageHeader } from '../../components/page-header.js'
import { ResultPanel } from '../../components/result-panel.js'
import { TextField } from '../../components/text-field.js'
import { PersonCard } from '../../components/wallet/person-card.js'
import { PersonFinder } from '../../components/wallet/person-finder.js'

const MESSAGE_MAX = 100

/** 添加朋友: find them by phone, say who I am, send the request (accepted at once if they had asked me). */
export function AddFriendPage() {
  const { t } = useTranslation()
  const [person, setPerson] = useState<UserSummary | null>(null)
  const [sent, setSent] = useState<FriendRequestView | null>(null)

  return (
    <div className="page">
      <PageHeader title={t('friends.add')} backTo="/friends" />
      {sent && person ? (
        <ResultPanel
          title={
            sent.status === 'accepted'
              ? t('friends.becameFriends', { name: person.displayName })
              : t('friends.sentTitle')
          }
          body={sent.status === 'accepted' ? '' : t('friends.sent', { name: person.displayName })}
          linkTo="/friends"
          linkLabel={t('friends.title')}
        />
      ) : person ? (
        <RequestForm person={person} onChange={() => setPerson(null)} onSent={setSent} />
      ) : (
        <PersonFinder onConfirm={setPerson} requireRealName={false} />
      )}
    </div>
  )
}

function RequestForm(props: { person: UserSummary; onChange: () => void; onSent: (sent: FriendRequestView) => void }) {
  const { t } = useTranslation()
  const me = useMe().data
  const send = useSendFriendRequest()
  const [message, setMessage] = useState(() => t('friends.messageDefault', { name: me?.displayName ?? '' }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = message.trim()
    send.mutate({ toUserId: props.person.id, ...(trimmed ? { message: trimmed } : {}) }, { onSuccess: props.onSent })
  }

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <PersonCard
        person={props.person}
        action={
          <Button variant="ghost" className="person-card__change" onClick={props.onChange}>
            {t('person.change')}
          </Button>
        }
      />
      <TextField
        label={t('friends.message')}
        maxLength={MESSAGE_MAX}
        value={message}
        onChange={setMessage}
        autoComplete="off"
      />
      <FormAlert message={send.error?.message} />
      <Button type="submit" block pending={send.isPending}>
        {t('friends.send')}
      </Button>
    </form>
  )
}
