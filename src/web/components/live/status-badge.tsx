import { useTranslation } from 'react-i18next'
import type { EventView } from '../../../shared/api/live.js'

/** 直播中 with how many watch, 预告, or 回放: on a card's cover and over the player. */
export function StatusBadge({ event, viewers }: { event: EventView; viewers?: number }) {
  const { t } = useTranslation()
  if (event.status === 'live') {
    return (
      <span className="live-badge live-badge--live" data-testid="live-badge">
        <span className="live-badge__pulse" aria-hidden="true" />
        {t('live.badgeLive')}
        <span className="live-badge__viewers" data-testid="viewer-count">
          {t('live.viewers', { count: viewers ?? event.viewerCount })}
        </span>
      </span>
    )
  }
  return (
    <span className={`live-badge live-badge--${event.status}`}>
      {event.status === 'upcoming' ? t('live.badgeUpcoming') : t('live.badgeReplay')}
    </span>
  )
}
