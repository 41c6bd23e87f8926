import { useCallback, useEffect, useRef, useState } from 'react'
import type { MediaView } from '../../shared/api/feed.js'
import { uploadMedia } from '../api/feed.js'

export interface PendingImage {
  key: string
  file: File
  /** A blob: URL of the picked file, shown while it uploads. */
  preview: string
  progress: number
  media?: MediaView
  error?: string
}

let counter = 0

/** Images picked for a post: each uploads at once (POST /media) with its progress; removing one forgets it. */
export function useImageUploads(max: number) {
  const [images, setImages] = useState<PendingImage[]>([])
  const previews = useRef(new Set<string>())

  useEffect(() => {
    const urls = previews.current
    return () => urls.forEach((url) => URL.revokeObjectURL(url))
  }, [])

  const update = useCallback((key: string, patch: Partial<PendingImage>) => {
    setImages((current) => current.map((image) => (image.key === key ? { ...image, ...patch } : image)))
  }, [])

  const start = useCallback(
    (key: string, file: File) => {
      update(key, { progress: 0, error: undefined })
      uploadMedia(file, (progress) => update(key, { progress })).then(
        (media) => update(key, { media, progress: 1 }),
        (error: unknown) => update(key, { error: error instanceof Error ? error.message : String(error) }),
      )
    },
    [update],
  )

  /** Adds what fits under `max`; returns how many were left out. */
  const add = (files: File[]): number => {
    const room = Math.max(0, max - images.length)
    const taken = files.slice(0, room).map((file) => {
      counter += 1
      const preview = URL.createObjectURL(file)
      previews.current.add(preview)
      return { key: `image-${counter}`, file, preview, progress: 0 }
    })
    setImages((current) => [...current, ...taken])
    taken.forEach((image) => start(image.key, image.file))
    return files.length - taken.length
  }

  const remove = (key: string) => {
    const image = images.find((item) => item.key === key)
    if (image) {
      URL.revokeObjectURL(image.preview)
      previews.current.delete(image.preview)
    }
    setImages((current) => current.filter((item) => item.key !== key))
  }

  const retry = (key: string) => {
    const image = images.find((item) => item.key === key)
    if (image) start(key, image.file)
  }

  return {
    images,
    add,
    remove,
    retry,
    uploading: images.some((image) => !image.media && !image.error),
    failed: images.some((image) => image.error),
    mediaIds: images.flatMap((image) => (image.media ? [image.media.id] : [])),
  }
}
