import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../components/empty-state.js'
import { ChatIcon, LiveIcon } from '../components/icons.js'
import { PageHeader } from '../components/page-header.js'

/** Chat and Live arrive in later releases; until then each says what it will hold. */
function ComingSoon({ title, icon, heading, body }: { title: string; icon: ReactNode; heading: string; body: string }) {
  const { t } = useTranslation()
  return (
    <div className="page">
      <PageHeader title={title} />
      <EmptyState icon={icon} title={heading} body={body} badge={t('placeholder.soon')} />
    </div>
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
