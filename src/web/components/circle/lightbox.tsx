import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { MediaView } from '../../../shared/api/feed.js'
import { BackIcon, ChevronRightIcon, CloseIcon } from '../icons.js'

interface LightboxProps {
  media: MediaView[]
  /** The image shown, or null when closed. */
  index: number | null
  onIndex: (index: number | null) => void
}

/** The full image on black, over everything; a tap or Escape closes it, arrows and buttons page through. */
export function Lightbox({ media, index, onIndex }: LightboxProps) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  const open = index !== null
  const current = index === null ? undefined : media[index]

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])

  const go = (step: number) => {
    if (index !== null) onIndex((index + step + media.length) % media.length)
  }

  return (
    <dialog
      ref={ref}
      className="lightbox"
      aria-label={t('circle.imageViewer')}
      onCancel={(event) => {
        event.preventDefault()
        onIndex(null)
      }}
      onKeyDown={(event) => {
        if (event.key === 'ArrowLeft') go(-1)
        if (event.key === 'ArrowRight') go(1)
      }}
    >
      {current && index !== null && (
        <>
          <button
            type="button"
            className="lightbox__close"
            aria-label={t('circle.close')}
            onClick={() => onIndex(null)}
          >
            <CloseIcon size={26} />
          </button>
          <img
            className="lightbox__image"
            src={current.url}
            width={current.width}
            height={current.height}
            alt={t('circle.image', { index: index + 1, count: media.length })}
            onClick={() => onIndex(null)}
          />
          {media.length > 1 && (
            <>
              <button
                type="button"
                className="lightbox__nav lightbox__nav--previous"
                aria-label={t('circle.previous')}
                onClick={() => go(-1)}
              >
                <BackIcon size={28} />
              </button>
              <button
                type="button"
                className="lightbox__nav lightbox__nav--next"
                aria-label={t('circle.next')}
                onClick={() => go(1)}
              >
                <ChevronRightIcon size={28} />
              </button>
              <p className="lightbox__count">
                {index + 1} / {media.length}
              </p>
            </>
          )}
        </>
      )}
    </dialog>
  )
}
