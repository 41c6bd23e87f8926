import { useTranslation } from 'react-i18next'
import type { MessageView } from '../../../shared/api/chat.js'
import { FlameIcon } from '../icons.js'

interface BurnBubbleProps {
  message: MessageView & { burnAfterReading: NonNullable<MessageView['burnAfterReading']> }
  mine: boolean
  group: boolean
  onOpen: (message: MessageView) => void
}

/**
 * 阅后即焚 in the history: never the text (the server sends none), only what can be done with it. A recipient who
 * may still open it gets a button; everyone else sees whether it has burned.
 */
export function BurnBubble({ message, mine, group, onOpen }: BurnBubbleProps) {
  const { t } = useTranslation()
  const burn = message.burnAfterReading
  const className = `bubble bubble--burn${mine ? ' bubble--mine' : ''}`
  if (!mine && burn.openable && !burn.burned) {
    return (
      <button type="button" className={className} data-testid="burn-closed" onClick={() => onOpen(message)}>
        <FlameIcon size={18} />
        {t('burn.tapToOpen')}
      </button>
    )
  }
  const gone = burn.burned || !mine
  const label = gone
    ? t('burn.burned')
    : group
      ? `${t('burn.toggle')} · ${t('burn.seconds', { count: burn.seconds })}`
      : t('burn.waiting')
  return (
    <span className={`${className}${gone ? ' bubble--burned' : ''}`} data-testid={gone ? 'burn-burned' : 'burn-sent'}>
      <FlameIcon size={18} />
      {label}
    </span>
  )
}
