import { useTranslation } from 'react-i18next'
import type { EventView } from '../../../shared/api/live.js'
import { useFormat } from '../../lib/use-format.js'
import { Avatar } from '../avatar.js'
import { TipButton } from './tip-button.js'

/** Under the video: who hosts, when it started (or starts), and the tip button while it is live. */
export function EventInfo({ event, canTip }: { event: EventView; canTip: boolean }) {
  const { t } = useTranslation()
  const format = useFormat()
  const when =
    event.status === 'upcoming'
      ? t('live.startsAt', { time: format.time(event.startsAt) })
      : t('live.startedAt', { time: format.time(event.startedAt ?? event.startsAt) })
  return (
    <section className="event-info">
      <Avatar name={event.host.displayName} url={event.host.avatarUrl} size={40} />
      <div className="event-info__text">
        <h2 className="event-info__title">{event.title}</h2>
        <p className="event-info__meta">
          {t('live.hostedBy', { name: event.host.displayName })} · {when}
        </p>
      </div>
      {canTip && <TipButton eventId={event.id} />}
    </section>
  )
}
