import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { NavLink } from 'react-router'
import { useUnreadTotal } from '../api/chat.js'
import { ChatIcon, CircleIcon, LiveIcon, MeIcon, WalletIcon } from './icons.js'

const TABS: {
  to: string
  key: 'wallet' | 'circle' | 'chat' | 'live' | 'me'
  Icon: ComponentType<{ size?: number }>
}[] = [
  { to: '/wallet', key: 'wallet', Icon: WalletIcon },
  { to: '/circle', key: 'circle', Icon: CircleIcon },
  { to: '/chat', key: 'chat', Icon: ChatIcon },
  { to: '/live', key: 'live', Icon: LiveIcon },
  { to: '/me', key: 'me', Icon: MeIcon },
]

export function TabBar() {
  const { t } = useTranslation()
  const unread = useUnreadTotal()
  return (
    <nav className="tab-bar" aria-label={t('tabs.label')}>
      {TABS.map(({ to, key, Icon }) => (
        <NavLink
          key={key}
          to={to}
          className="tab-bar__item"
          aria-label={key === 'chat' && unread > 0 ? t('chat.tabUnread', { count: unread }) : undefined}
        >
          <span className="tab-bar__icon">
            <Icon size={24} />
            {key === 'chat' && unread > 0 && (
              <span className="count-badge tab-bar__badge" data-testid="chat-unread">
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </span>
          <span className="tab-bar__label">{t(`tabs.${key}`)}</span>
        </NavLink>
      ))}
    </nav>
  )
}
