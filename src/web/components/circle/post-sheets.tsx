import { useTranslation } from 'react-i18next'
import { useDeleteComment, useDeletePost } from '../../api/feed.js'
import { Button } from '../button.js'
import { ConfirmSheet } from '../confirm-sheet.js'
import { Sheet } from '../sheet.js'
import { CommentSheet } from './comment-sheet.js'
import type { PostInteraction } from './post-card.js'

interface PostSheetsProps {
  interaction: PostInteraction | null
  onChange: (interaction: PostInteraction | null) => void
}

/** The one set of sheets the whole feed shares: comment or reply, a comment's menu, and the delete confirmations. */
export function PostSheets({ interaction, onChange }: PostSheetsProps) {
  const { t } = useTranslation()
  const deletePost = useDeletePost()
  const deleteComment = useDeleteComment()
  const close = () => {
    deletePost.reset()
    deleteComment.reset()
    onChange(null)
  }

  return (
    <>
      <CommentSheet target={interaction?.kind === 'comment' ? interaction : null} onClose={close} />
      <Sheet
        open={interaction?.kind === 'commentMenu'}
        onClose={close}
        title={
          interaction?.kind === 'commentMenu'
            ? t('circle.commentMenu', { name: interaction.comment.author.displayName })
            : ''
        }
      >
        {interaction?.kind === 'commentMenu' && (
          <div className="confirm-sheet">
            <p className="comment-quote">{interaction.comment.text}</p>
            <Button
              variant="secondary"
              block
              onClick={() => onChange({ kind: 'comment', post: interaction.post, replyTo: interaction.comment })}
            >
              {t('circle.reply')}
            </Button>
            <Button variant="danger" block onClick={() => onChange({ ...interaction, kind: 'deleteComment' })}>
              {t('circle.deleteComment')}
            </Button>
          </div>
        )}
      </Sheet>
      <ConfirmSheet
        open={interaction?.kind === 'deleteComment'}
        title={t('circle.deleteCommentTitle')}
        body={
          interaction?.kind === 'deleteComment' ? t('circle.deleteCommentBody', { text: interaction.comment.text }) : ''
        }
        confirmLabel={t('circle.delete')}
        pending={deleteComment.isPending}
        error={deleteComment.error}
        onClose={close}
        onConfirm={() => {
          if (interaction?.kind !== 'deleteComment') return
          deleteComment.mutate({ postId: interaction.post.id, commentId: interaction.comment.id }, { onSuccess: close })
        }}
      />
      <ConfirmSheet
        open={interaction?.kind === 'deletePost'}
        title={t('circle.deletePostTitle')}
        body={t('circle.deletePostBody')}
        confirmLabel={t('circle.delete')}
        pending={deletePost.isPending}
        error={deletePost.error}
        onClose={close}
        onConfirm={() => {
          if (interaction?.kind === 'deletePost') deletePost.mutate(interaction.post.id, { onSuccess: close })
        }}
      />
    </>
  )
}
