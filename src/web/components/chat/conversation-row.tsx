import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { ConversationView } from '../../../shared/api/chat.js'
import { useChatTime } from '../../lib/use-chat-time.js'
import { Avatar } from '../avatar.js'
import { UsersIcon } from '../icons.js'
import { previewOf } from './message-preview.js'

/** A row of the chat list: who, the last message, when, and how many are unread. */
export function ConversationRow({ conversation, meId }: { conversation: ConversationView; meId: string }) {
  const { t } = useTranslation()
  const time = useChatTime()
  const { lastMessage, unreadCount } = conversation
  const group = conversation.kind === 'group'
  return (
    <li>
      <Link className="conversation-row" to={`/chat/${encodeURIComponent(conversation.id)}`} data-testid="conversation">
        <span className="conversation-row__avatar">
          {group ? (
            <span className="conversation-row__group" aria-hidden="true">
              <UsersIcon size={24} />
            </span>
          ) : (
            <Avatar name={conversation.title} url={conversation.peer?.avatarUrl} size={48} />
          )}
          {unreadCount > 0 && (
            <span className="count-badge conversation-row__badge" aria-label={t('chat.unread', { count: unreadCount })}>
              {unreadCount > 99 ? '99+' : unreadCount}
            </span>
          )}
        </span>
        <span className="conversation-row__text">
          <span className="conversation-row__top">
            <span className="conversation-row__title">{conversation.title}</span>
            <time className="conversation-row__time" dateTime={conversation.updatedAt}>
              {time.list(lastMessage?.createdAt ?? conversation.updatedAt)}
            </time>
          </span>
          <span className="conversation-row__preview">
            {lastMessage ? previewOf(lastMessage, t, { group, meId }) : '\u00a0'}
          </span>
        </span>
      </Link>
    </li>
  )
}
