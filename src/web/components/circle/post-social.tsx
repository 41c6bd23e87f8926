import { useTranslation } from 'react-i18next'
import type { CommentView, PostView } from '../../../shared/api/feed.js'
import { useFormat } from '../../lib/use-format.js'
import { CoinIcon, HeartIcon } from '../icons.js'

interface PostSocialProps {
  post: PostView
  onCommentTap: (comment: CommentView) => void
}

/**
 * The grey box under a post: tips received (the author only), the names that liked it, and the comments, each a
 * button that replies to it (or offers to delete it). The server has already left out people who are not my friends.
 */
export function PostSocial({ post, onCommentTap }: PostSocialProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const tipped = (post.tipTotal ?? 0) > 0
  if (post.likes.length === 0 && post.comments.length === 0 && !tipped) return null
  const tippers = [...new Set((post.tippers ?? []).map((tip) => tip.user.displayName))]

  return (
    <div className="post-social">
      {tipped && (
        <p className="post-social__tips" data-testid="tip-total">
          <CoinIcon size={16} />
          <span>
            <strong>{t('circle.tipReceived', { amount: format.money(post.tipTotal ?? 0) })}</strong>
            {tippers.length > 0 && <> · {t('circle.tippers', { names: tippers.join(', ') })}</>}
          </span>
        </p>
      )}
      {post.likes.length > 0 && (
        <p className="post-social__likes" data-testid="likes">
          <HeartIcon size={15} />
          <span>
            <span className="visually-hidden">{t('circle.likes')} </span>
            {post.likes.map((person, index) => (
              <span key={person.id}>
                {index > 0 && ', '}
                <span className="post-social__name">{person.displayName}</span>
              </span>
            ))}
          </span>
        </p>
      )}
      {post.comments.length > 0 && (
        <ul className="post-social__comments" aria-label={t('circle.comments')}>
          {post.comments.map((comment) => (
            <li key={comment.id}>
              <button type="button" className="comment" data-testid="comment" onClick={() => onCommentTap(comment)}>
                <span className="post-social__name">{comment.author.displayName}</span>
                {comment.replyTo && (
                  <>
                    {' '}
                    {t('circle.repliedTo')}{' '}
                    <span className="post-social__name">{comment.replyTo.author.displayName}</span>
                  </>
                )}
                {t('common.colon')}
                <span className="comment__text">{comment.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
