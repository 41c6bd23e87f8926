import { useTranslation } from 'react-i18next'
import type { PersonView } from '../../../shared/api/social.js'
import type { Outgoing } from '../../lib/use-outbox.js'
import { useFormat } from '../../lib/use-format.js'
import { Avatar } from '../avatar.js'
import { AlertIcon, FlameIcon } from '../icons.js'
import { Spinner } from '../spinner.js'

/** A message of mine still on its way; a failed one is retried with a tap. */
export function OutgoingItem({
  item,
  me,
  onRetry,
}: {
  item: Outgoing
  me: Pick<PersonView, 'displayName' | 'avatarUrl'>
  onRetry: (key: string) => void
}) {
  const { t } = useTranslation()
  const format = useFormat()
  const burn = item.body.burnAfterReading
  return (
    <li className="message message--mine message--outgoing" data-testid="outgoing">
      <Avatar name={me.displayName} url={me.avatarUrl} size={40} />
      <div className="message__body">
        {item.preview ? (
          <span className="message__image">
            <img src={item.preview} alt="" />
          </span>
        ) : burn ? (
          <span className="bubble bubble--mine bubble--burn">
            <FlameIcon size={18} />
            {t('burn.toggle')} · {t('burn.seconds', { count: burn.seconds })}
          </span>
        ) : (
          <p className="bubble bubble--mine">{item.body.text}</p>
        )}
        {item.failed ? (
          <button type="button" className="message__status message__status--failed" onClick={() => onRetry(item.key)}>
            <AlertIcon size={14} />
            {t('chat.failed')}
          </button>
        ) : (
          <span className="message__status">
            <Spinner />
            {item.file && item.progress < 1
              ? t('chat.uploading', { percent: format.percent(item.progress) })
              : t('chat.sending')}
          </span>
        )}
      </div>
    </li>
  )
}
