import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe } from '../api/accounts.js'
import { EmptyState } from '../components/empty-state.js'
import { ChatIcon, CircleIcon, LiveIcon, ShieldIcon, WalletIcon } from '../components/icons.js'
import { ListRow } from '../components/list-row.js'
import { PageHeader } from '../components/page-header.js'

/** Wallet, Life Circle, Chat and Live arrive in later releases; until then each says what it will hold. */
function ComingSoon({
  title,
  icon,
  heading,
  body,
  children,
}: {
  title: string
  icon: ReactNode
  heading: string
  body: string
  children?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div className="page">
      <PageHeader title={title} />
      {children}
      <EmptyState icon={icon} title={heading} body={body} badge={t('placeholder.soon')} />
    </div>
  )
}

export function WalletPage() {
  const { t } = useTranslation()
  const me = useMe().data
  return (
    <ComingSoon
      title={t('tabs.wallet')}
      icon={<WalletIcon size={40} />}
      heading={t('placeholder.walletTitle')}
      body={t('placeholder.walletBody')}
    >
      {me && !me.realName.verified && (
        <section className="card list">
          <ListRow
            icon={<ShieldIcon size={20} />}
            label={t('me.realName')}
            value={<span className="muted">{t('me.realNameNotVerified')}</span>}
            to="/me/real-name"
            action={t('me.realNameVerify')}
          />
        </section>
      )}
    </ComingSoon>
  )
}

export function CirclePage() {
  const { t } = useTranslation()
  return (
    <ComingSoon
      title={t('tabs.circle')}
      icon={<CircleIcon size={40} />}
      heading={t('placeholder.circleTitle')}
      body={t('placeholder.circleBody')}
    />
  )
}

export function ChatPage() {
  const { t } = useTranslation()
  return (
    <ComingSoon
      title={t('tabs.chat')}
      icon={<ChatIcon size={40} />}
      heading={t('placeholder.chatTitle')}
      body={t('placeholder.chatBody')}
    />
  )
}

export function LivePage() {
  const { t } = useTranslation()
  return (
    <ComingSoon
      title={t('tabs.live')}
      icon={<LiveIcon size={40} />}
      heading={t('placeholder.liveTitle')}
      body={t('placeholder.liveBody')}
    />
  )
}
