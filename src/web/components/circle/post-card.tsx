import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommentView, PostView } from '../../../shared/api/feed.js'
import { useLike, useTip } from '../../api/feed.js'
import { useFormat } from '../../lib/use-format.js'
import { Avatar } from '../avatar.js'
import { LockIcon, UsersIcon } from '../icons.js'
import { MediaGrid } from './media-grid.js'
import { PostActions } from './post-actions.js'
import { PostSocial } from './post-social.js'
import { PostText } from './post-text.js'
import { ProductCard } from './product-card.js'
import { PurchaseCard } from './purchase-card.js'
import { TipAlert } from './tip-alert.js'
import { TipBurst } from './tip-burst.js'

/** What a post asks the page to open: the comment box, a comment's menu, or a confirmation to delete. */
export type PostInteraction =
  | { kind: 'comment'; post: PostView; replyTo?: CommentView }
  | { kind: 'commentMenu'; post: PostView; comment: CommentView }
  | { kind: 'deleteComment'; post: PostView; comment: CommentView }
  | { kind: 'deletePost'; post: PostView }

interface PostCardProps {
  post: PostView
  meId: string
  onInteract: (interaction: PostInteraction) => void
}

export function PostCard({ post, meId, onInteract }: PostCardProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const like = useLike()
  const tip = useTip()
  const [burst, setBurst] = useState<{ key: number; amount: string } | null>(null)
  const [tipped, setTipped] = useState(0)
  const mine = post.author.id === meId
  const nameId = `post-${post.id}-author`

  const sendTip = () => {
    tip.reset()
    tip.mutate(post.id, {
      onSuccess: (result) => {
        setBurst({ key: Date.now(), amount: format.money(result.amount) })
        setTipped((total) => total + result.amount)
      },
    })
  }

  const tapComment = (comment: CommentView) => {
    if (comment.author.id === meId) onInteract({ kind: 'deleteComment', post, comment })
    else if (mine) onInteract({ kind: 'commentMenu', post, comment })
    else onInteract({ kind: 'comment', post, replyTo: comment })
  }

  return (
    <article className="post" data-testid="post" aria-labelledby={nameId}>
      <Avatar name={post.author.displayName} url={post.author.avatarUrl} size={44} />
      <div className="post__body">
        <h2 className="post__author" id={nameId}>
          {post.author.displayName}
        </h2>
        {post.commercial && post.kind === 'status' && (
          <span className="post__promotion" data-testid="post-promotion">
            {t('circle.promotion')}
          </span>
        )}
        <PostText text={post.text} />
        <MediaGrid media={post.media} />
        {post.product && <ProductCard post={{ ...post, product: post.product }} mine={mine} />}
        {post.purchase && <PurchaseCard purchase={post.purchase} />}
        <div className="post__footer">
          <time className="post__time" dateTime={post.createdAt} title={format.time(post.createdAt)}>
            {format.age(post.createdAt) ?? t('circle.justNow')}
          </time>
          {mine && post.visibility.type !== 'friends' && (
            <span className="post__audience">
              {post.visibility.type === 'private' ? <LockIcon size={14} /> : <UsersIcon size={14} />}
              {post.visibility.type === 'private' ? t('circle.onlyMe') : t('circle.partial')}
            </span>
          )}
          {mine && (
            <button
              type="button"
              className="link-button post__delete"
              onClick={() => onInteract({ kind: 'deletePost', post })}
            >
              {t('circle.delete')}
            </button>
          )}
          <span className="post__spacer" />
          {burst && <TipBurst key={burst.key} amount={burst.amount} onDone={() => setBurst(null)} />}
          <PostActions
            liked={post.likedByMe}
            canTip={post.tipsEnabled && !mine}
            tipping={tip.isPending}
            onLike={() => like.mutate({ postId: post.id, like: !post.likedByMe })}
            onComment={() => onInteract({ kind: 'comment', post })}
            onTip={sendTip}
          />
        </div>
        <p className="post__tipped" role="status">
          {tipped > 0 && t('circle.tipped', { amount: format.money(tipped) })}
        </p>
        <TipAlert error={tip.error} onDismiss={() => tip.reset()} />
        <PostSocial post={post} onCommentTap={tapComment} />
      </div>
    </article>
  )
}
