import type { ReactNode } from 'react'

interface EmptyStateProps {
  icon: ReactNode
  title: string
  body: string
  badge?: string
}

export function EmptyState({ icon, title, body, badge }: EmptyStateProps) {
  return (
    <section className="empty-state">
      <div className="empty-state__art" aria-hidden="true">
        <span className="empty-state__ring empty-state__ring--outer" />
        <span className="empty-state__ring empty-state__ring--inner" />
        <span className="empty-state__icon">{icon}</span>
      </div>
      {badge && <span className="badge badge--brand">{badge}</span>}
      <h2 className="empty-state__title">{title}</h2>
      <p className="empty-state__body">{body}</p>
    </section>
  )
}
