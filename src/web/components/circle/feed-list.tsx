import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PostView } from '../../../shared/api/feed.js'
import { TagIcon } from '../icons.js'
import { PostCard, type PostInteraction } from './post-card.js'

type Run = { folded: false; post: PostView } | { folded: true; posts: PostView[] }

/** Consecutive folded posts become one run, shown as a single "N 条商品动态已折叠" line. */
function runsOf(posts: PostView[]): Run[] {
  const runs: Run[] = []
  for (const post of posts) {
    const last = runs.at(-1)
    if (!post.folded) runs.push({ folded: false, post })
    else if (last?.folded) last.posts.push(post)
    else runs.push({ folded: true, posts: [post] })
  }
  return runs
}

interface FeedListProps {
  posts: PostView[]
  meId: string
  onInteract: (interaction: PostInteraction) => void
}

export function FeedList({ posts, meId, onInteract }: FeedListProps) {
  return (
    <div className="feed">
      {runsOf(posts).map((run) =>
        run.folded ? (
          <FoldedRun key={`folded-${run.posts[0]?.id}`} posts={run.posts} meId={meId} onInteract={onInteract} />
        ) : (
          <PostCard key={run.post.id} post={run.post} meId={meId} onInteract={onInteract} />
        ),
      )}
    </div>
  )
}

function FoldedRun({ posts, meId, onInteract }: FeedListProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  if (open) {
    return posts.map((post) => <PostCard key={post.id} post={post} meId={meId} onInteract={onInteract} />)
  }
  return (
    <button type="button" className="folded-stub" data-testid="folded-stub" onClick={() => setOpen(true)}>
      <TagIcon size={16} />
      <span className="folded-stub__text">{t('circle.folded', { count: posts.length })}</span>
      <span className="folded-stub__action">{t('circle.showFolded')}</span>
    </button>
  )
}
