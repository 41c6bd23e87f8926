import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { FriendView } from '../../../shared/api/social.js'
import { useBlock, useFriends, usePendingRequestCount, useRemoveFriend } from '../../api/friends.js'
import { Avatar } from '../../components/avatar.js'
import { ConfirmSheet } from '../../components/confirm-sheet.js'
import { EmptyState } from '../../components/empty-state.js'
import { FriendSettingsSheet } from '../../components/friends/friend-settings-sheet.js'
import { BlockIcon, ChevronRightIcon, UserPlusIcon, UsersIcon } from '../../components/icons.js'
import { InfiniteSentinel } from '../../components/infinite-sentinel.js'
import { ListRow } from '../../components/list-row.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import { useBackPath } from '../../lib/back-path.js'

type Open = { kind: 'settings' | 'remove' | 'block'; id: string } | null

/** 朋友: new requests, add, groups and blocked on top; then my friends, each with a settings sheet. */
export function FriendsPage() {
  const { t } = useTranslation()
  const back = useBackPath('/me')
  const pending = usePendingRequestCount()
  return (
    <div className="page">
      <PageHeader
        title={t('friends.title')}
        backTo={back}
        action={
          <Link className="icon-button" to="/friends/add" aria-label={t('friends.add')}>
            <UserPlusIcon />
          </Link>
        }
      />
      <section className="card list">
        <ListRow
          icon={<UserPlusIcon size={18} />}
          label={t('friends.requests')}
          value={pending > 0 && <span className="count-badge">{pending}</span>}
          to="/friends/requests"
        />
        <ListRow icon={<UserPlusIcon size={18} />} label={t('friends.add')} to="/friends/add" />
        <ListRow icon={<UsersIcon size={18} />} label={t('friends.groups')} to="/groups" />
        <ListRow icon={<BlockIcon size={18} />} label={t('friends.blocked')} to="/friends/blocked" />
      </section>
      <FriendList />
    </div>
  )
}

function FriendList() {
  const { t } = useTranslation()
  const friends = useFriends()
  const remove = useRemoveFriend()
  const block = useBlock()
  const [open, setOpen] = useState<Open>(null)
  const items = (friends.data?.pages ?? []).flatMap((page) => page.items)
  const current = open ? items.find((friend) => friend.id === open.id) : undefined
  const close = () => {
    remove.reset()
    block.reset()
    setOpen(null)
  }
  const show = (kind: 'remove' | 'block') => (friend: FriendView) => setOpen({ kind, id: friend.id })

  if (friends.isPending) {
    return (
      <div className="list-end">
        <Spinner label={t('common.loading')} />
      </div>
    )
  }
  if (friends.isError) return <p className="list-end">{friends.error.message}</p>
  if (items.length === 0) {
    return <EmptyState icon={<UsersIcon size={40} />} title={t('friends.emptyTitle')} body={t('friends.emptyBody')} />
  }
  return (
    <section className="card list" aria-labelledby="friends-heading">
      <h2 className="list__heading" id="friends-heading">
        {t('friends.mine')}
      </h2>
      <ul className="people-list">
        {items.map((friend) => (
          <li key={friend.id}>
            <button
              type="button"
              className="person-row"
              data-testid="friend"
              onClick={() => setOpen({ kind: 'settings', id: friend.id })}
            >
              <Avatar name={friend.displayName} url={friend.avatarUrl} size={40} />
              <span className="person-row__text">
                <span className="person-row__name">{friend.displayName}</span>
                {friend.maskedName && <span className="person-row__detail">{friend.maskedName}</span>}
              </span>
              <ChevronRightIcon size={18} className="person-row__chevron" />
            </button>
          </li>
        ))}
      </ul>
      <InfiniteSentinel
        hasMore={friends.hasNextPage}
        loading={friends.isFetchingNextPage}
        onMore={() => void friends.fetchNextPage()}
        endLabel={t('friends.end')}
      />
      <FriendSettingsSheet
        friend={open?.kind === 'settings' ? (current ?? null) : null}
        onClose={close}
        onRemove={show('remove')}
        onBlock={show('block')}
      />
      <ConfirmSheet
        open={open?.kind === 'remove' && current !== undefined}
        title={t('friends.removeTitle', { name: current?.displayName ?? '' })}
        body={t('friends.removeBody')}
        confirmLabel={t('friends.remove')}
        pending={remove.isPending}
        error={remove.error}
        onClose={close}
        onConfirm={() => current && remove.mutate(current.id, { onSuccess: close })}
      />
      <ConfirmSheet
        open={open?.kind === 'block' && current !== undefined}
        title={t('friends.blockTitle', { name: current?.displayName ?? '' })}
        body={t('friends.blockBody')}
        confirmLabel={t('friends.block')}
        pending={block.isPending}
        error={block.error}
        onClose={close}
        onConfirm={() => current && block.mutate(current.id, { onSuccess: close })}
      />
    </section>
  )
}
