import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CoinIcon, CommentIcon, HeartIcon, MoreIcon } from '../icons.js'

interface PostActionsProps {
  liked: boolean
  /** Whether 打赏 is offered: the author allows tips and the post is not mine. */
  canTip: boolean
  tipping: boolean
  onLike: () => void
  onComment: () => void
  onTip: () => void
}

/** WeChat's "··" button: it slides out 赞 · 评论 · 打赏; a tap elsewhere folds it away. */
export function PostActions({ liked, canTip, tipping, onLike, onComment, onTip }: PostActionsProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)
  const menuId = useId()

  useEffect(() => {
    if (!open) return
    const close = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', close)
    return () => document.removeEventListener('pointerdown', close)
  }, [open])

  const act = (action: () => void) => () => {
    setOpen(false)
    action()
  }

  return (
    <div className="post-actions" ref={ref}>
      {open && (
        <div className="post-actions__menu" id={menuId}>
          <button type="button" className="post-actions__item" onClick={act(onLike)}>
            <HeartIcon size={18} filled={liked} />
            {liked ? t('circle.unlike') : t('circle.like')}
          </button>
          <button type="button" className="post-actions__item" onClick={act(onComment)}>
            <CommentIcon size={18} />
            {t('circle.comment')}
          </button>
          {canTip && (
            <button type="button" className="post-actions__item" onClick={act(onTip)} disabled={tipping}>
              <CoinIcon size={18} />
              {t('circle.tip')}
            </button>
          )}
        </div>
      )}
      <button
        type="button"
        className="post-actions__toggle"
        aria-label={t('circle.actions')}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
      >
        <MoreIcon size={20} />
      </button>
    </div>
  )
}
