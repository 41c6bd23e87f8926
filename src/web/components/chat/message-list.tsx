import { Fragment, useState, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { MessageView } from '../../../shared/api/chat.js'
import type { MediaView } from '../../../shared/api/feed.js'
import type { PersonView } from '../../../shared/api/social.js'
import { needsDivider } from '../../lib/chat-time.js'
import { useChatTime } from '../../lib/use-chat-time.js'
import type { Outgoing } from '../../lib/use-outbox.js'
import { Lightbox } from '../circle/lightbox.js'
import { InfiniteSentinel } from '../infinite-sentinel.js'
import { MessageItem } from './message-item.js'
import { OutgoingItem } from './outgoing-item.js'

interface MessageListProps {
  /** Oldest first. */
  messages: MessageView[]
  outgoing: Outgoing[]
  me: Pick<PersonView, 'id' | 'displayName' | 'avatarUrl'>
  group: boolean
  hasOlder: boolean
  loadingOlder: boolean
  onOlder: () => void
  onOpenBurn: (message: MessageView) => void
  onOpenRedPacket: (message: MessageView) => void
  onRetry: (key: string) => void
  scrollerRef: Ref<HTMLDivElement>
}

/**
 * The history, oldest at the top. The scroller runs bottom-up (column-reverse), so it opens at the newest message,
 * stays there as messages arrive, and keeps its place when older pages are added above.
 */
export function MessageList({
  messages,
  outgoing,
  me,
  group,
  hasOlder,
  loadingOlder,
  onOlder,
  onOpenBurn,
  onOpenRedPacket,
  onRetry,
  scrollerRef,
}: MessageListProps) {
  const { t } = useTranslation()
  const time = useChatTime()
  const [image, setImage] = useState<MediaView | null>(null)
  const newestMine = messages.findLast((message) => message.sender.id === me.id)

  return (
    <div className="message-scroller" ref={scrollerRef}>
      <div className="message-scroller__content">
        <InfiniteSentinel hasMore={hasOlder} loading={loadingOlder} onMore={onOlder} endLabel={t('chat.history')} />
        <ol className="message-list" aria-label={t('chat.message')}>
          {messages.map((message, index) => (
            <Fragment key={message.id}>
              {needsDivider(messages[index - 1]?.createdAt, message.createdAt) && (
                <li className="message-divider">
                  <time dateTime={message.createdAt}>{time.divider(message.createdAt)}</time>
                </li>
              )}
              <MessageItem
                message={message}
                mine={message.sender.id === me.id}
                group={group}
                showStatus={message === newestMine && outgoing.length === 0}
                onOpenBurn={onOpenBurn}
                onOpenImage={setImage}
                onOpenRedPacket={onOpenRedPacket}
              />
            </Fragment>
          ))}
          {outgoing.map((item) => (
            <OutgoingItem key={item.key} item={item} me={me} onRetry={onRetry} />
          ))}
        </ol>
      </div>
      <Lightbox
        media={image ? [image] : []}
        index={image ? 0 : null}
        onIndex={(index) => {
          if (index === null) setImage(null)
        }}
      />
    </div>
  )
}
