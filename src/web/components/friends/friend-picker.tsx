import { useTranslation } from 'react-i18next'
import { useFriends } from '../../api/friends.js'
import { Avatar } from '../avatar.js'
import { InfiniteSentinel } from '../infinite-sentinel.js'
import { Spinner } from '../spinner.js'

interface FriendPickerProps {
  selected: readonly string[]
  onChange: (selected: string[]) => void
  /** Friends not offered, e.g. those already in the group. */
  exclude?: readonly string[]
  label: string
}

/** My friends as a checklist, for 部分可见 / 不给谁看 and for groups. */
export function FriendPicker({ selected, onChange, exclude = [], label }: FriendPickerProps) {
  const { t } = useTranslation()
  const friends = useFriends()
  const items = (friends.data?.pages ?? []).flatMap((page) => page.items).filter((f) => !exclude.includes(f.id))

  if (friends.isPending) {
    return (
      <div className="list-end">
        <Spinner label={t('common.loading')} />
      </div>
    )
  }
  if (friends.isError) return <p className="list-end">{friends.error.message}</p>
  if (items.length === 0) return <p className="list-end">{t('friends.pickerEmpty')}</p>

  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((picked) => picked !== id))

  return (
    <fieldset className="friend-picker">
      <legend className="visually-hidden">{label}</legend>
      {items.map((friend) => (
        <label key={friend.id} className="friend-picker__row">
          <input
            type="checkbox"
            className="friend-picker__check"
            checked={selected.includes(friend.id)}
            onChange={(event) => toggle(friend.id, event.target.checked)}
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
  )
}
