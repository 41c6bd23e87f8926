import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MediaView } from '../../../shared/api/feed.js'
import { Lightbox } from './lightbox.js'

/** WeChat's layout: one image large at its own proportions, two to four in two columns, five to nine in three. */
function layoutOf(count: number): 'single' | 'two' | 'three' {
  return count === 1 ? 'single' : count <= 4 ? 'two' : 'three'
}

export function MediaGrid({ media }: { media: MediaView[] }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState<number | null>(null)
  if (media.length === 0) return null
  const layout = layoutOf(media.length)
  return (
    <>
      <ul className={`media-grid media-grid--${layout}`}>
        {media.map((item, index) => (
          <li key={item.id}>
            <button
              type="button"
              className="media-grid__item"
              style={layout === 'single' ? { aspectRatio: `${item.width} / ${item.height}` } : undefined}
              onClick={() => setOpen(index)}
            >
              <img
                src={item.thumbnailUrl}
                alt={t('circle.image', { index: index + 1, count: media.length })}
                loading="lazy"
                decoding="async"
              />
            </button>
          </li>
        ))}
      </ul>
      <Lightbox media={media} index={open} onIndex={setOpen} />
    </>
  )
}
