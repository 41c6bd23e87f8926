import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useLiveEvents, type EventStatus } from '../../api/live.js'
import { EmptyState } from '../../components/empty-state.js'
import { LiveIcon, PlusIcon } from '../../components/icons.js'
import { EventCard } from '../../components/live/event-card.js'
import '../../components/live/live.css'
import { NotificationBell } from '../../components/notification-bell.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'

/** The Live tab (現場): what is on now, what is coming, and what can be replayed. */
export function LiveListPage() {
  const { t } = useTranslation()
  const live = useLiveEvents('live')
  const upcoming = useLiveEvents('upcoming')
  const ended = useLiveEvents('ended')
  const sections = [
    { status: 'live', query: live },
    { status: 'upcoming', query: upcoming },
    { status: 'ended', query: ended },
  ] as const
  const loading = sections.some((section) => section.query.isPending)
  const empty = !loading && sections.every((section) => (section.query.data?.items.length ?? 0) === 0)

  return (
    <div className="page page--live">
      <PageHeader
        leading={<NotificationBell />}
        title={t('tabs.live')}
        action={
          <Link className="icon-button" to="/live/new" aria-label={t('live.create')}>
            <PlusIcon />
          </Link>
        }
      />
      {loading ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : empty ? (
        <EmptyState icon={<LiveIcon size={40} />} title={t('live.emptyTitle')} body={t('live.emptyBody')} />
      ) : (
        sections.map(({ status, query }) => <Section key={status} status={status} query={query} />)
      )}
    </div>
  )
}

function Section({ status, query }: { status: EventStatus; query: ReturnType<typeof useLiveEvents> }) {
  const { t } = useTranslation()
  if (query.isError) return <p className="live-section__error">{query.error.message}</p>
  const items = query.data?.items ?? []
  if (items.length === 0) return null
  return (
    <section className={`live-section live-section--${status}`} aria-labelledby={`live-${status}`}>
      <h2 className="live-section__title" id={`live-${status}`}>
        {t(`live.sections.${status}`)}
      </h2>
      <div className="live-section__grid">
        {items.map((event) => (
          <EventCard key={event.id} event={event} />
        ))}
      </div>
    </section>
  )
}
