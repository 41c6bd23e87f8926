import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { EventView } from '../../../shared/api/live.js'
import { useFormat } from '../../lib/use-format.js'
import { Avatar } from '../avatar.js'
import { LiveIcon } from '../icons.js'
import { StatusBadge } from './status-badge.js'

/** One event in the Live tab: its cover, what state it is in, and who hosts it. */
export function EventCard({ event }: { event: EventView }) {
  const { t } = useTranslation()
  const format = useFormat()
  const when =
    event.status === 'upcoming'
      ? t('live.startsAt', { time: format.time(event.startsAt) })
      : event.status === 'ended'
        ? t('live.endedAt', { time: format.time(event.endedAt ?? event.startsAt) })
        : t('live.startedAt', { time: format.time(event.startedAt ?? event.startsAt) })
  return (
    <Link className="event-card" to={`/live/${event.id}`} data-testid="event-card">
      <div className="event-card__cover">
        {event.coverUrl ? (
          <img src={event.coverUrl} alt="" loading="lazy" />
        ) : (
          <span className="event-card__art" aria-hidden="true">
            <LiveIcon size={36} />
          </span>
        )}
        <StatusBadge event={event} />
      </div>
      <div className="event-card__body">
        <h2 className="event-card__title">{event.title}</h2>
        <p className="event-card__meta">
          <Avatar name={event.host.displayName} url={event.host.avatarUrl} size={20} />
          <span className="event-card__host">{event.host.displayName}</span>
          <span className="event-card__when">{when}</span>
        </p>
      </div>
    </Link>
  )
}
