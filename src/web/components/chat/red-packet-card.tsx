import { useTranslation } from 'react-i18next'
import type { CardView, MessageView } from '../../../shared/api/chat.js'
import type { RedPacketView } from '../../../shared/api/redpackets.js'
import { useRedPacket } from '../../api/red-packets.js'
import { RedEnvelopeIcon } from './money-icons.js'

type CardState = 'claimed' | 'finished' | 'expired' | null

/** What the card says under its greeting, for this viewer: 已领取 first, since it is what they care about. */
export function cardState(packet: RedPacketView | undefined): CardState {
  if (!packet) return null
  if (packet.myAmount !== null) return 'claimed'
  if (packet.status === 'finished') return 'finished'
  if (packet.status === 'expired') return 'expired'
  return null
}

/** 红包 in the history: red with a gold clasp while it can be opened, faded once it is done for the viewer. */
export function RedPacketCard({
  message,
  card,
  onOpen,
}: {
  message: MessageView
  card: CardView
  onOpen: (message: MessageView) => void
}) {
  const { t } = useTranslation()
  const packet = useRedPacket(card.id).data
  const state = cardState(packet)
  const greeting = card.text || t('redPacket.defaultGreeting')
  return (
    <button
      type="button"
      className={`money-card money-card--red-packet${state ? ' money-card--done' : ''}`}
      data-testid="red-packet-card"
      data-state={state ?? 'active'}
      aria-label={t('redPacket.cardLabel', { name: message.sender.displayName, greeting })}
      onClick={() => onOpen(message)}
    >
      <span className="money-card__main">
        <RedEnvelopeIcon size={40} inverse className="money-card__icon" />
        <span className="money-card__text">
          <span className="money-card__title">{greeting}</span>
          {state && <span className="money-card__state">{t(`redPacket.state.${state}`)}</span>}
        </span>
      </span>
      <span className="money-card__footer">{t('redPacket.brand')}</span>
    </button>
  )
}
