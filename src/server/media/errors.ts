import type { ErrorKey } from '../../shared/i18n/errors/index.js'
import { DomainError } from '../errors.js'

/** The bytes are not JPEG, PNG, WebP or GIF, whatever the file name or declared type says. */
export class UnsupportedImageTypeError extends DomainError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE'
  readonly status = 415

  constructor() {
    super({ field: 'file' })
  }

  override get messageKey(): ErrorKey {
    return 'UNSUPPORTED_IMAGE_TYPE'
  }
}

export class ImageTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE'
  readonly status = 413

  constructor(maxBytes: number) {
    super({ field: 'file', maxMegabytes: maxBytes / (1024 * 1024) })
  }

  override get messageKey(): ErrorKey {
    return 'IMAGE_TOO_LARGE'
  }
}

/** More pixels than we decode (a decompression bomb, or just a huge panorama). */
export class ImageDimensionsTooLargeError extends DomainError {
  readonly code = 'IMAGE_DIMENSIONS_TOO_LARGE'
  readonly status = 400

  constructor(maxPixels: number) {
    super({ field: 'file', maxMegapixels: maxPixels / 1_000_000 })
  }
}

/** The magic number says image, but the decoder disagrees: truncated, corrupt, or a format mismatch. */
export class InvalidImageError extends DomainError {
  readonly code = 'INVALID_IMAGE'
  readonly status = 400

  constructor() {
    super({ field: 'file' })
  }
}
