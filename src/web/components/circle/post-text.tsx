import { useState } from 'react'
import { useTranslation } from 'react-i18next'

const LONG_TEXT_CHARS = 160
const LONG_TEXT_LINES = 6

/**
 * A post's text, always as text: React escapes it, so markup in a post shows as the characters typed and never
 * runs. Long posts fold to six lines with 全文 / 收起, as in WeChat.
 */
export function PostText({ text }: { text: string }) {
  const { t } = useTranslation()
  const [expanded, setExpanded] = useState(false)
  if (!text) return null
  const long = text.length > LONG_TEXT_CHARS || text.split('\n').length > LONG_TEXT_LINES
  return (
    <div className="post__text-block">
      <p className={`post__text${long && !expanded ? ' post__text--clamped' : ''}`} data-testid="post-text">
        {text}
      </p>
      {long && (
        <button type="button" className="link-button post__more-text" onClick={() => setExpanded(!expanded)}>
          {expanded ? t('circle.collapse') : t('circle.fullText')}
        </button>
      )}
    </div>
  )
}
