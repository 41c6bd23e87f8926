import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFriends } from '../../api/friends.js'
import { Avatar } from '../avatar.js'
import { Button } from '../button.js'
import { FormAlert } from '../form-alert.js'
import { InfiniteSentinel } from '../infinite-sentinel.js'
import { Sheet } from '../sheet.js'
import { Spinner } from '../spinner.js'

interface FriendPaySheetProps {
  open: boolean
  /** The friend asked last time, chosen at first. */
  current: string | undefined
  pending: boolean
  error: unknown
  onSubmit: (friendId: string) => void
  onClose: () => void
}

/** 找朋友代付: one friend from my friends list; asking again asks someone else instead. */
export function FriendPaySheet({ open, current, pending, error, onSubmit, onClose }: FriendPaySheetProps) {
  const { t } = useTranslation()
  const friends = useFriends()
  const [picked, setPicked] = useState(current)
  const items = (friends.data?.pages ?? []).flatMap((page) => page.items)

  return (
    <Sheet open={open} onClose={onClose} title={t('order.friendTitle')}>
      <div className="sheet-form">
        <p className="sheet-form__body">{t('order.friendHint')}</p>
        {friends.isPending ? (
          <div className="list-end">
            <Spinner label={t('common.loading')} />
          </div>
        ) : friends.isError ? (
          <FormAlert message={friends.error.message} />
        ) : items.length === 0 ? (
          <p className="list-end">{t('friends.pickerEmpty')}</p>
        ) : (
          <fieldset className="friend-picker friend-picker--scroll">
            <legend className="visually-hidden">{t('order.friendTitle')}</legend>
            {items.map((friend) => (
              <label key={friend.id} className="friend-picker__row">
                <input
                  type="radio"
                  name="pay-friend"
                  className="friend-picker__check"
                  checked={picked === friend.id}
                  onChange={() => setPicked(friend.id)}
                />
                <Avatar name={friend.displayName} url={friend.avatarUrl} size={36} />
                <span className="friend-picker__name">{friend.displayName}</span>
              </label>
            ))}
            {friends.hasNextPage && (
              <InfiniteSentinel
                hasMore={friends.hasNextPage}
                loading={friends.isFetchingNextPage}
                onMore={() => void friends.fetchNextPage()}
                endLabel=""
              />
            )}
          </fieldset>
        )}
        <FormAlert message={error instanceof Error ? error.message : undefined} />
        <Button block disabled={!picked} pending={pending} onClick={() => picked && onSubmit(picked)}>
          {t('order.friendSubmit')}
        </Button>
      </div>
    </Sheet>
  )
}
