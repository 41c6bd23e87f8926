import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { PendingImage } from '../../lib/use-image-uploads.js'
import { useFormat } from '../../lib/use-format.js'
import { CloseIcon, PlusIcon } from '../icons.js'

interface ImagePickerProps {
  images: PendingImage[]
  max: number
  onAdd: (files: File[]) => void
  onRemove: (key: string) => void
  onRetry: (key: string) => void
}

/** Up to nine thumbnails in a 3-column grid, each with its upload progress and a remove button; "+" adds more. */
export function ImagePicker({ images, max, onAdd, onRemove, onRetry }: ImagePickerProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const inputId = useId()
  return (
    <ul className="image-picker">
      {images.map((image, index) => (
        <li key={image.key} className="image-picker__item" data-testid="picked-image">
          <img src={image.media?.thumbnailUrl ?? image.preview} alt={t('compose.image', { index: index + 1 })} />
          {!image.media && !image.error && (
            <span
              className="image-picker__progress"
              role="progressbar"
              aria-valuenow={Math.round(image.progress * 100)}
            >
              {t('compose.uploading', { percent: format.percent(image.progress) })}
            </span>
          )}
          {image.error && (
            <button
              type="button"
              className="image-picker__failed"
              title={image.error}
              onClick={() => onRetry(image.key)}
            >
              {t('compose.uploadFailed')}
              <span className="image-picker__retry">{t('compose.retryUpload')}</span>
            </button>
          )}
          <button
            type="button"
            className="image-picker__remove"
            aria-label={t('compose.removeImage', { index: index + 1 })}
            onClick={() => onRemove(image.key)}
          >
            <CloseIcon size={14} />
          </button>
        </li>
      ))}
      {images.length < max && (
        <li className="image-picker__item">
          <label className="image-picker__add" htmlFor={inputId}>
            <PlusIcon size={32} />
            <span className="visually-hidden">{t('compose.addImages')}</span>
          </label>
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            multiple
            onChange={(event) => {
              onAdd(Array.from(event.target.files ?? []))
              event.target.value = ''
            }}
          />
        </li>
      )}
    </ul>
  )
}
