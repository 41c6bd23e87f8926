import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { useUnreadNotifications } from '../api/notifications.js'
import { BellIcon } from './icons.js'

/** The main tabs' bell: how many notifications wait, and the way to them (and back to the tab it was opened on). */
export function NotificationBell() {
  const { t } = useTranslation()
  const unread = useUnreadNotifications()
  const { pathname } = useLocation()
  return (
    <Link
      className="icon-button notification-bell"
      to="/notifications"
      state={{ back: pathname }}
      aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
    >
      <BellIcon />
      {unread > 0 && (
        <span className="count-badge notification-bell__badge" data-testid="notification-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  )
}
