import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { isApiError } from '../api/api-error.js'
import type { NotificationView } from '../api/notification-types.js'
import { useMarkNotificationsRead, useNotifications } from '../api/notifications.js'
import { Avatar } from '../components/avatar.js'
import { Button } from '../components/button.js'
import { EmptyState } from '../components/empty-state.js'
import { BellIcon } from '../components/icons.js'
import { InfiniteSentinel } from '../components/infinite-sentinel.js'
import { PageHeader } from '../components/page-header.js'
import { Spinner } from '../components/spinner.js'
import { useBackPath } from '../lib/back-path.js'
import { notificationDetail, notificationLink, notificationText } from '../lib/notification-text.js'
import { useFormat } from '../lib/use-format.js'

/** 通知: newest first; what this page shows counts as seen, so the bell clears; each links to what it is about. */
export function NotificationsPage() {
  const { t } = useTranslation()
  const back = useBackPath('/wallet')
  const list = useNotifications()
  const markRead = useMarkNotificationsRead()
  const items = (list.data?.pages ?? []).flatMap((page) => page.items)
  const unreadIds = items.filter((item) => !item.read).map((item) => item.id)
  const marked = useRef(new Set<string>())

  const { mutate } = markRead
  const unreadKey = unreadIds.join(',')
  useEffect(() => {
    const ids = unreadKey.split(',').filter((id) => id && !marked.current.has(id))
    if (ids.length === 0) return
    ids.forEach((id) => marked.current.add(id))
    mutate(ids)
  }, [unreadKey, mutate])

  return (
    <div className="page">
      <PageHeader
        title={t('notifications.title')}
        backTo={back}
        action={
          unreadIds.length > 0 && (
            <Button variant="ghost" onClick={() => markRead.mutate(undefined)}>
              {t('notifications.markAllRead')}
            </Button>
          )
        }
      />
      {list.isPending ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : list.isError ? (
        isApiError(list.error, 'NOT_FOUND') ? (
          <EmptyState
            icon={<BellIcon size={40} />}
            title={t('notifications.title')}
            body={t('notifications.unavailable')}
          />
        ) : (
          <div className="list-end">
            <p>{list.error.message}</p>
            <Button variant="secondary" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </Button>
          </div>
        )
      ) : items.length === 0 ? (
        <EmptyState
          icon={<BellIcon size={40} />}
          title={t('notifications.emptyTitle')}
          body={t('notifications.emptyBody')}
        />
      ) : (
        <>
          <ul className="card notification-list">
            {items.map((item) => (
              <NotificationRow key={item.id} notification={item} />
            ))}
          </ul>
          <InfiniteSentinel
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
            endLabel={t('notifications.end')}
          />
        </>
      )}
    </div>
  )
}

function NotificationRow({ notification }: { notification: NotificationView }) {
  const { t } = useTranslation()
  const format = useFormat()
  const to = notificationLink(notification)
  const name = notification.actor?.displayName ?? t('notifications.someone')
  const detail = notificationDetail(notification, (fen) => format.money(fen))
  const content = (
    <>
      <Avatar name={name} url={notification.actor?.avatarUrl} size={40} />
      <span className="notification-row__text">
        <span className="notification-row__title">{notificationText(notification, t)}</span>
        {detail && <span className="notification-row__detail">{detail}</span>}
        <time className="notification-row__time" dateTime={notification.createdAt}>
          {format.age(notification.createdAt) ?? t('circle.justNow')}
        </time>
      </span>
      {!notification.read && <span className="notification-row__dot" aria-hidden="true" />}
    </>
  )
  return (
    <li data-testid="notification">
      {to ? (
        <Link className="notification-row" to={to} state={{ back: '/notifications' }}>
          {content}
        </Link>
      ) : (
        <div className="notification-row">{content}</div>
      )}
    </li>
  )
}
