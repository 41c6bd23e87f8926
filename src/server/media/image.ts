import sharp, { type Sharp } from 'sharp'
import { ImageDimensionsTooLargeError, InvalidImageError, UnsupportedImageTypeError } from './errors.js'

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif'

export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024
/** Decoded size we accept (all frames together for animations): a 10 MB file must not unpack into gigabytes. */
export const UPLOAD_MAX_PIXELS = 40_000_000
const DISPLAY_MAX_SIDE_PX = 1920
const THUMBNAIL_SIDE_PX = 360
const DISPLAY_QUALITY = 82
const THUMBNAIL_QUALITY = 75

export const MIME_BY_FORMAT: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
}

export interface EncodedImage {
  data: Buffer
  mime: string
  width: number
  /** Of one frame, for animations. */
  height: number
}

export interface ProcessedImage {
  display: EncodedImage
  thumbnail: EncodedImage
}

/** The format the bytes say they are, by magic number; the file name and declared content type are never asked. */
export function sniffImageFormat(bytes: Buffer): ImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png'
  const head = bytes.subarray(0, 6).toString('latin1')
  if (head === 'GIF87a' || head === 'GIF89a') return 'gif'
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'webp'
  }
  return undefined
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * Decodes the upload and re-encodes it twice, with no metadata at all (EXIF, GPS, XMP, ICC: sharp writes none
 * unless asked): a display version in the same format, longest side ≤ 1920 px and never upscaled, and a WebP
 * thumbnail of the first frame, 360 px square (cover). EXIF orientation is applied to the pixels first.
 * GIF and WebP animations stay animated in the display version.
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  const format = sniffImageFormat(bytes)
  if (!format) throw new UnsupportedImageTypeError()
  const animated = format === 'gif' || format === 'webp'
  const metadata = await decoding(() => open(bytes, animated).metadata())
  if (metadata.format !== format) throw new InvalidImageError()

  const display = await decoding(() =>
    encode(
      open(bytes, animated).rotate().resize({
        width: DISPLAY_MAX_SIDE_PX,
        height: DISPLAY_MAX_SIDE_PX,
        fit: 'inside',
        withoutEnlargement: true,
      }),
      format,
    ),
  )
  const thumbnail = await decoding(() =>
    encode(
      open(bytes, false)
        .rotate()
        .resize({ width: THUMBNAIL_SIDE_PX, height: THUMBNAIL_SIDE_PX, fit: 'cover', withoutEnlargement: true }),
      'thumbnail',
    ),
  )
  return { display, thumbnail }
}

function open(bytes: Buffer, animated: boolean): Sharp {
  // failOn 'error': phone JPEGs often carry harmless warnings (extraneous bytes); real damage still fails.
  return sharp(bytes, { animated, limitInputPixels: UPLOAD_MAX_PIXELS, failOn: 'error' })
}

async function encode(pipeline: Sharp, target: ImageFormat | 'thumbnail'): Promise<EncodedImage> {
  const encoder = {
    jpeg: () => pipeline.jpeg({ quality: DISPLAY_QUALITY, progressive: true }),
    png: () => pipeline.png(),
    webp: () => pipeline.webp({ quality: DISPLAY_QUALITY }),
    gif: () => pipeline.gif(),
    thumbnail: () => pipeline.webp({ quality: THUMBNAIL_QUALITY }),
  }[target]
  const { data, info } = await encoder().toBuffer({ resolveWithObject: true })
  return {
    data,
    mime: target === 'thumbnail' ? MIME_BY_FORMAT.webp : MIME_BY_FORMAT[target],
    width: info.width,
    height: info.pageHeight ?? info.height,
  }
}

/** Decoder failures are the upload's fault: too many pixels, or bytes that do not decode. */
async function decoding<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw new ImageDimensionsTooLargeError(UPLOAD_MAX_PIXELS)
    }
    throw new InvalidImageError()
  }
}
