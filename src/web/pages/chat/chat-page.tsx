import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMe } from '../../api/accounts.js'
import { useConversations } from '../../api/chat.js'
import { Button } from '../../components/button.js'
import { ConversationRow } from '../../components/chat/conversation-row.js'
import { EmptyState } from '../../components/empty-state.js'
import { ChatIcon, UserPlusIcon } from '../../components/icons.js'
import { NotificationBell } from '../../components/notification-bell.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import { useRealtimeStatus } from '../../realtime/realtime.js'

/** The Chat tab (聊天): every conversation, newest activity first, with unread counts; live while the socket is. */
export function ChatPage() {
  const { t } = useTranslation()
  const me = useMe().data
  const conversations = useConversations()
  const status = useRealtimeStatus()
  const items = conversations.data?.items ?? []
  if (!me) return null

  return (
    <div className="page page--chat-list">
      <PageHeader
        leading={<NotificationBell />}
        title={
          <>
            {t('tabs.chat')}
            {status !== 'online' && <span className="page-header__status">{t('chat.connecting')}</span>}
          </>
        }
        action={
          <Link className="icon-button" to="/friends" state={{ back: '/chat' }} aria-label={t('chat.start')}>
            <UserPlusIcon />
          </Link>
        }
      />
      {conversations.isPending ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : conversations.isError ? (
        <div className="list-end">
          <p>{conversations.error.message}</p>
          <Button variant="secondary" onClick={() => void conversations.refetch()}>
            {t('common.retry')}
          </Button>
        </div>
      ) : items.length === 0 ? (
        <EmptyState icon={<ChatIcon size={40} />} title={t('chat.emptyTitle')} body={t('chat.emptyBody')} />
      ) : (
        <ul className="card conversation-list">
          {items.map((conversation) => (
            <ConversationRow key={conversation.id} conversation={conversation} meId={me.id} />
          ))}
        </ul>
      )}
    </div>
  )
}
