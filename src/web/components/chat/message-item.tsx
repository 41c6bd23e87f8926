import { useTranslation } from 'react-i18next'
import type { MediaView } from '../../../shared/api/feed.js'
import type { MessageView } from '../../../shared/api/chat.js'
import { Avatar } from '../avatar.js'
import { BurnBubble } from './burn-bubble.js'
import { CollectionCard } from './collection-card.js'
import { IouCard } from './iou-card.js'
import { RedPacketCard } from './red-packet-card.js'
import { TransferCard } from './transfer-card.js'

interface MessageItemProps {
  message: MessageView
  mine: boolean
  group: boolean
  /** Under my newest message only: how far it got (已送达 / 已读). */
  showStatus: boolean
  onOpenBurn: (message: MessageView) => void
  onOpenImage: (media: MediaView) => void
  onOpenRedPacket: (message: MessageView) => void
}

/** One message as WeChat lays it out: the avatar beside a bubble, mine on the right in green, theirs on the left. */
export function MessageItem(props: MessageItemProps) {
  const { message, mine, group, showStatus, onOpenBurn, onOpenImage, onOpenRedPacket } = props
  const { t } = useTranslation()
  const { sender, media, burnAfterReading, card } = message
  return (
    <li className={`message${mine ? ' message--mine' : ''}`} data-testid="message" data-seq={message.seq}>
      <Avatar name={sender.displayName} url={sender.avatarUrl} size={40} />
      <div className="message__body">
        {group && !mine && <span className="message__sender">{sender.displayName}</span>}
        {card?.type === 'red_packet' ? (
          <RedPacketCard message={message} card={card} onOpen={onOpenRedPacket} />
        ) : card?.type === 'transfer' ? (
          <TransferCard card={card} mine={mine} />
        ) : card?.type === 'collection' ? (
          <CollectionCard card={card} />
        ) : card?.type === 'iou' ? (
          <IouCard card={card} />
        ) : burnAfterReading ? (
          <BurnBubble message={{ ...message, burnAfterReading }} mine={mine} group={group} onOpen={onOpenBurn} />
        ) : media ? (
          <button type="button" className="message__image" onClick={() => onOpenImage(media)}>
            <img
              src={media.thumbnailUrl}
              width={media.width}
              height={media.height}
              alt={t('chat.imageFrom', { name: sender.displayName })}
            />
          </button>
        ) : (
          <p className={`bubble${mine ? ' bubble--mine' : ''}`} data-testid="message-text">
            {message.text ?? t('chat.previewOther')}
          </p>
        )}
        {showStatus && message.status && (
          <span className={`message__status message__status--${message.status}`} data-testid="message-status">
            {t(`chat.${message.status}`)}
          </span>
        )}
      </div>
    </li>
  )
}
