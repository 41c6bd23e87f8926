import { useTranslation } from 'react-i18next'
import type { FriendRequestView } from '../../../shared/api/social.js'
import { useAnswerFriendRequest, useFriendRequests } from '../../api/friends.js'
import { Avatar } from '../../components/avatar.js'
import { Button } from '../../components/button.js'
import { FormAlert } from '../../components/form-alert.js'
import { InfiniteSentinel } from '../../components/infinite-sentinel.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'

/** 新的朋友: requests to me with 接受 / 拒绝, and the ones I sent with where each stands. */
export function FriendRequestsPage() {
  const { t } = useTranslation()
  return (
    <div className="page">
      <PageHeader title={t('friends.requests')} backTo="/friends" />
      <RequestList direction="incoming" />
      <RequestList direction="outgoing" />
    </div>
  )
}

function RequestList({ direction }: { direction: 'incoming' | 'outgoing' }) {
  const { t } = useTranslation()
  const requests = useFriendRequests(direction)
  const answer = useAnswerFriendRequest()
  const items = (requests.data?.pages ?? []).flatMap((page) => page.items)
  const headingId = `requests-${direction}`

  return (
    <section className="card list" aria-labelledby={headingId}>
      <h2 className="list__heading" id={headingId}>
        {direction === 'incoming' ? t('friends.incoming') : t('friends.outgoing')}
      </h2>
      {requests.isPending ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : requests.isError ? (
        <p className="list-end">{requests.error.message}</p>
      ) : items.length === 0 ? (
        <p className="list-end">{direction === 'incoming' ? t('friends.noIncoming') : t('friends.noOutgoing')}</p>
      ) : (
        <ul className="people-list">
          {items.map((item) => (
            <RequestRow
              key={item.id}
              item={item}
              direction={direction}
              pending={answer.isPending && answer.variables.id === item.id}
              onAnswer={(reply) => answer.mutate({ id: item.id, answer: reply })}
            />
          ))}
        </ul>
      )}
      {direction === 'incoming' && answer.error && (
        <div className="list__body">
          <FormAlert message={answer.error.message} />
        </div>
      )}
      {requests.hasNextPage && (
        <InfiniteSentinel
          hasMore={requests.hasNextPage}
          loading={requests.isFetchingNextPage}
          onMore={() => void requests.fetchNextPage()}
          endLabel=""
        />
      )}
    </section>
  )
}

function RequestRow(props: {
  item: FriendRequestView
  direction: 'incoming' | 'outgoing'
  pending: boolean
  onAnswer: (answer: 'accept' | 'decline') => void
}) {
  const { t } = useTranslation()
  const { item, direction } = props
  const person = direction === 'incoming' ? item.from : item.to
  return (
    <li className="person-row person-row--static" data-testid={`${direction}-friend-request`}>
      <Avatar name={person.displayName} url={person.avatarUrl} size={40} />
      <span className="person-row__text">
        <span className="person-row__name">
          {person.displayName}
          {person.maskedName ? ` (${person.maskedName})` : ''}
        </span>
        {item.message && <span className="person-row__detail">{item.message}</span>}
      </span>
      {direction === 'incoming' && item.status === 'pending' ? (
        <span className="request-row__actions">
          <Button variant="ghost" disabled={props.pending} onClick={() => props.onAnswer('decline')}>
            {t('friends.decline')}
          </Button>
          <Button pending={props.pending} onClick={() => props.onAnswer('accept')}>
            {t('friends.accept')}
          </Button>
        </span>
      ) : (
        <span className={`badge badge--friend-${item.status}`}>{t(`friends.status.${item.status}`)}</span>
      )}
    </li>
  )
}
