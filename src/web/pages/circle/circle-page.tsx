import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMe } from '../../api/accounts.js'
import { useFeed } from '../../api/feed.js'
import { Button } from '../../components/button.js'
import { CircleCover } from '../../components/circle/circle-cover.js'
import { FeedList } from '../../components/circle/feed-list.js'
import { FeedOptions } from '../../components/circle/feed-options.js'
import type { PostInteraction } from '../../components/circle/post-card.js'
import { PostSheets } from '../../components/circle/post-sheets.js'
import { EmptyState } from '../../components/empty-state.js'
import { CameraIcon, CircleIcon } from '../../components/icons.js'
import { InfiniteSentinel } from '../../components/infinite-sentinel.js'
import { NotificationBell } from '../../components/notification-bell.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'

/** The Life Circle tab (生活圈): my cover, then my friends' posts and mine, newest first, loading as I scroll. */
export function CirclePage() {
  const { t } = useTranslation()
  const me = useMe().data
  const feed = useFeed()
  const [interaction, setInteraction] = useState<PostInteraction | null>(null)
  if (!me) return null
  const posts = (feed.data?.pages ?? []).flatMap((page) => page.items)

  return (
    <div className="page page--circle">
      <PageHeader
        leading={<NotificationBell />}
        title={t('tabs.circle')}
        action={
          <Link className="icon-button" to="/circle/compose" aria-label={t('circle.compose')}>
            <CameraIcon />
          </Link>
        }
      />
      <CircleCover me={me} />
      <FeedOptions />
      {feed.isPending ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : feed.isError ? (
        <div className="list-end">
          <p>{feed.error.message}</p>
          <Button variant="secondary" onClick={() => void feed.refetch()}>
            {t('common.retry')}
          </Button>
        </div>
      ) : posts.length === 0 ? (
        <EmptyState icon={<CircleIcon size={40} />} title={t('circle.emptyTitle')} body={t('circle.emptyBody')} />
      ) : (
        <>
          <FeedList posts={posts} meId={me.id} onInteract={setInteraction} />
          <InfiniteSentinel
            hasMore={feed.hasNextPage}
            loading={feed.isFetchingNextPage}
            onMore={() => void feed.fetchNextPage()}
            endLabel={t('circle.end')}
          />
        </>
      )}
      <PostSheets interaction={interaction} onChange={setInteraction} />
    </div>
  )
}
