import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { COMMENT_TEXT_MAX, type CommentView, type PostView } from '../../../shared/api/feed.js'
import { useComment } from '../../api/feed.js'
import { Button } from '../button.js'
import { FormAlert } from '../form-alert.js'
import { Sheet } from '../sheet.js'

interface CommentSheetProps {
  target: { post: PostView; replyTo?: CommentView | undefined } | null
  onClose: () => void
}

/** 评论 or 回复 小红: the text box in a bottom sheet; Enter sends, Shift+Enter starts a new line. */
export function CommentSheet({ target, onClose }: CommentSheetProps) {
  const { t } = useTranslation()
  const comment = useComment()
  const [text, setText] = useState('')
  const replyName = target?.replyTo?.author.displayName

  const close = () => {
    setText('')
    comment.reset()
    onClose()
  }

  const send = (event?: FormEvent) => {
    event?.preventDefault()
    const trimmed = text.trim()
    if (!target || !trimmed || comment.isPending) return
    comment.mutate(
      { postId: target.post.id, text: trimmed, ...(target.replyTo ? { replyToCommentId: target.replyTo.id } : {}) },
      { onSuccess: close },
    )
  }

  return (
    <Sheet
      open={target !== null}
      onClose={close}
      title={replyName ? t('circle.replyTo', { name: replyName }) : t('circle.comment')}
    >
      <form className="comment-form" onSubmit={send} noValidate>
        <textarea
          className="comment-form__input"
          aria-label={replyName ? t('circle.replyTo', { name: replyName }) : t('circle.comment')}
          placeholder={replyName ? t('circle.replyPlaceholder', { name: replyName }) : t('circle.commentPlaceholder')}
          maxLength={COMMENT_TEXT_MAX}
          rows={3}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault()
              send()
            }
          }}
        />
        <div className="comment-form__footer">
          <span className="counter">{t('common.counter', { count: text.length, max: COMMENT_TEXT_MAX })}</span>
          <Button type="submit" disabled={!text.trim()} pending={comment.isPending}>
            {t('circle.send')}
          </Button>
        </div>
        <FormAlert message={comment.error?.message} />
      </form>
    </Sheet>
  )
}
