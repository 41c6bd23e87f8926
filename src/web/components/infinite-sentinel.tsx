import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Spinner } from './spinner.js'

interface InfiniteSentinelProps {
  hasMore: boolean
  loading: boolean
  onMore: () => void
  endLabel: string
}

/** Sits at the end of a list; loads the next page as it scrolls into view, or says that the list is complete. */
export function InfiniteSentinel({ hasMore, loading, onMore, endLabel }: InfiniteSentinelProps) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  const onMoreRef = useRef(onMore)
  useEffect(() => {
    onMoreRef.current = onMore
  })

  useEffect(() => {
    const element = ref.current
    if (!element || !hasMore || loading) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onMoreRef.current()
      },
      { rootMargin: '200px 0px' },
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [hasMore, loading])

  return (
    <div className="list-end" ref={ref}>
      {loading ? <Spinner label={t('common.loading')} /> : hasMore ? null : endLabel}
    </div>
  )
}
