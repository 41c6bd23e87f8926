import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../components/empty-state.js'
import { LiveIcon } from '../components/icons.js'
import { NotificationBell } from '../components/notification-bell.js'
import { PageHeader } from '../components/page-header.js'

/** Live arrives in a later release; until then its tab says what it will hold. */
function ComingSoon({ title, icon, heading, body }: { title: string; icon: ReactNode; heading: string; body: string }) {
  const { t } = useTranslation()
  return (
    <div className="page">
      <PageHeader leading={<NotificationBell />} title={title} />
      <EmptyState icon={icon} title={heading} body={body} badge={t('placeholder.soon')} />
    </div>
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
