import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DanmakuView } from '../../../shared/api/live.js'

/** The server refuses a recall after this; the button goes a little before, so a tap at the edge still counts. */
const RECALL_MS = 2 * 60_000 - 5_000

interface DanmakuListProps {
  items: DanmakuView[]
  tipText: (amount: number) => string
  recalling: string | undefined
  onRecall: (id: string) => void
}

/** The latest danmaku as a list under the video: easier to read than flying text, and mine can be recalled here. */
export function DanmakuList({ items, tipText, recalling, onRecall }: DanmakuListProps) {
  const { t } = useTranslation()
  const now = useNow(items.some((item) => item.mine))
  if (items.length === 0) return <p className="danmaku-list__empty">{t('live.listEmpty')}</p>
  return (
    <ol className="danmaku-list" aria-label={t('live.list')}>
      {items.map((item) => {
        const recallable = item.mine && item.kind === 'danmaku' && now - Date.parse(item.createdAt) < RECALL_MS
        return (
          <li key={item.id} className={`danmaku-list__item${item.kind === 'tip' ? ' danmaku-list__item--tip' : ''}`}>
            <span className="danmaku-list__dot" style={{ background: item.kind === 'tip' ? undefined : item.color }} />
            <span className="danmaku-list__text">
              {item.kind === 'tip' && item.amount !== undefined ? tipText(item.amount) : item.text}
            </span>
            {recallable && (
              <button
                type="button"
                className="danmaku-list__recall"
                disabled={recalling === item.id}
                onClick={() => onRecall(item.id)}
              >
                {t('live.recall')}
              </button>
            )}
          </li>
        )
      })}
    </ol>
  )
}

/** The clock, ticking every few seconds while something on the list can still be recalled. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) return
    const timer = window.setInterval(() => setNow(Date.now()), 5_000)
    return () => window.clearInterval(timer)
  }, [ticking])
  return now
}
