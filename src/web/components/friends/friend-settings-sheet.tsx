import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { FriendView } from '../../../shared/api/social.js'
import { useUpdateFriendSettings } from '../../api/friends.js'
import { useOpenDirect } from '../../api/chat.js'
import { useFormat } from '../../lib/use-format.js'
import { Button } from '../button.js'
import { ChatIcon } from '../icons.js'
import { FormAlert } from '../form-alert.js'
import { Sheet } from '../sheet.js'
import { ToggleRow } from '../toggle-row.js'

interface FriendSettingsSheetProps {
  friend: FriendView | null
  onClose: () => void
  onRemove: (friend: FriendView) => void
  onBlock: (friend: FriendView) => void
}

/** One friend's settings: 不看他/她的动态, 不让他/她看我的动态, then remove or block. */
export function FriendSettingsSheet({ friend, onClose, onRemove, onBlock }: FriendSettingsSheetProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const update = useUpdateFriendSettings()
  return (
    <Sheet open={friend !== null} onClose={onClose} title={friend?.displayName ?? ''}>
      {friend && (
        <div className="friend-settings">
          <p className="friend-settings__meta">
            {friend.maskedName && <span>{friend.maskedName} · </span>}
            {t('friends.since', { date: format.time(friend.since) })}
          </p>
          <div className="friend-settings__toggles">
            <ToggleRow
              label={t('friends.mute')}
              hint={t('friends.muteHint')}
              checked={friend.muteTheirPosts}
              onChange={(muteTheirPosts) => update.mutate({ userId: friend.id, muteTheirPosts })}
            />
            <ToggleRow
              label={t('friends.hide')}
              hint={t('friends.hideHint')}
              checked={friend.hideMyPosts}
              onChange={(hideMyPosts) => update.mutate({ userId: friend.id, hideMyPosts })}
            />
          </div>
          <FormAlert message={update.error?.message} />
          <MessageButton friend={friend} />
          <Button variant="secondary" block onClick={() => onRemove(friend)}>
            {t('friends.remove')}
          </Button>
          <Button variant="danger" block onClick={() => onBlock(friend)}>
            {t('friends.block')}
          </Button>
        </div>
      )}
    </Sheet>
  )
}

/** 发消息: the chat with this friend, made on first use. */
function MessageButton({ friend }: { friend: FriendView }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const open = useOpenDirect()
  return (
    <>
      <FormAlert message={open.error?.message} />
      <Button
        block
        pending={open.isPending}
        onClick={() =>
          open.mutate(friend.id, {
            onSuccess: (conversation) => void navigate(`/chat/${encodeURIComponent(conversation.id)}`),
          })
        }
      >
        <ChatIcon size={18} />
        {t('chat.messageFriend')}
      </Button>
    </>
  )
}
