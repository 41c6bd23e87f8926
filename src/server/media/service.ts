import fs from 'node:fs/promises'
import path from 'node:path'
import { ulid } from 'ulid'
import type { MediaView } from '../../shared/api/feed.js'
import type { Actor } from '../accounts/service.js'
import type { Db } from '../db/database.js'
import { NotFoundError, ValidationError } from '../errors.js'
import { Throttle } from '../limits/throttle.js'
import { UnsupportedImageTypeError } from './errors.js'
import { processImage, sniffImageFormat, type ProcessedImage } from './image.js'
import { findMedia, findMediaByIds, insertMedia, type MediaRow } from './store.js'

export type MediaVariant = 'display' | 'thumbnail'

export interface MediaFile {
  ownerId: string
  path: string
  mime: string
  bytes: number
}

/** Decoding is CPU- and memory-heavy (up to 40 MP per image): only this many run at once per process. */
const MAX_CONCURRENT_JOBS = 4
const EXTENSION_BY_MIME: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
}

/** Uploaded images: sniffed, size-limited, EXIF-stripped, resized, stored under DATA_DIR. */
export class MediaService {
  private readonly uploads: Throttle
  private readonly jobs = new Semaphore(MAX_CONCURRENT_JOBS)

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly clock: () => number,
  ) {
    this.uploads = new Throttle(db, { name: 'media-uploads', limit: 60, windowMs: 3600_000 }, clock)
  }

  /**
   * Stores one uploaded image for `actor` (the bytes are already size-limited by the caller). Checks run cheapest
   * first: the magic number (415), the hourly upload quota (429), then decoding (400).
   */
  async upload(actor: Actor, bytes: Buffer): Promise<MediaView> {
    if (!sniffImageFormat(bytes)) throw new UnsupportedImageTypeError()
    await this.uploads.consume(actor.id)
    const image = await this.jobs.run(() => processImage(bytes))

    // Files first, row second: a crash leaves an orphan file, never a row pointing at nothing.
    const id = ulid()
    const row: MediaRow = {
      id,
      owner_id: actor.id,
      mime: image.display.mime,
      width: image.display.width,
      height: image.display.height,
      bytes: image.display.data.length,
      thumbnail_mime: image.thumbnail.mime,
      thumbnail_bytes: image.thumbnail.data.length,
      created_at: this.clock(),
    }
    const written = await this.writeFiles(row, image)
    try {
      await insertMedia(this.db, row)
    } catch (error) {
      await Promise.all(written.map((file) => fs.rm(file, { force: true })))
      throw error
    }
    return toView(row)
  }

  /** A stored file to serve; NOT_FOUND for an unknown id. Who else may see it is decided by the posts carrying it. */
  async file(id: string, variant: MediaVariant): Promise<MediaFile> {
    const row = await findMedia(this.db, id)
    if (!row) throw new NotFoundError()
    return {
      ownerId: row.owner_id,
      path: this.pathOf(row, variant),
      mime: variant === 'display' ? row.mime : row.thumbnail_mime,
      bytes: variant === 'display' ? row.bytes : row.thumbnail_bytes,
    }
  }

  /**
   * The views of media `ownerId` uploaded, in the order asked; throws VALIDATION_FAILED naming `mediaIds` when
   * any id is unknown or someone else's.
   */
  async ownedViews(ownerId: string, ids: string[]): Promise<MediaView[]> {
    const rows = new Map((await findMediaByIds(this.db, ids)).map((row) => [row.id, row]))
    return ids.map((id) => {
      const row = rows.get(id)
      // Someone else's id is answered exactly like an unknown one.
      if (!row || row.owner_id !== ownerId) throw new ValidationError('mediaIds')
      return toView(row)
    })
  }

  /** Views by id, for hydrating posts; unknown ids are left out. */
  async views(ids: string[]): Promise<Map<string, MediaView>> {
    const rows = await findMediaByIds(this.db, ids)
    return new Map(rows.map((row) => [row.id, toView(row)]))
  }

  private async writeFiles(row: MediaRow, image: ProcessedImage): Promise<string[]> {
    const files: Array<[string, Buffer]> = [
      [this.pathOf(row, 'display'), image.display.data],
      [this.pathOf(row, 'thumbnail'), image.thumbnail.data],
    ]
    await fs.mkdir(path.dirname(files[0]![0]), { recursive: true })
    try {
      // 'wx': ids are fresh, so an existing file is a bug, never something to overwrite.
      await Promise.all(files.map(([file, data]) => fs.writeFile(file, data, { flag: 'wx' })))
    } catch (error) {
      await Promise.all(files.map(([file]) => fs.rm(file, { force: true })))
      throw error
    }
    return files.map(([file]) => file)
  }

  /**
   * `<DATA_DIR>/media/<shard>/<id>-display.jpg`: the shard is the id's last two characters, which are random
   * (its first ones are the timestamp and would put years of uploads into one folder).
   */
  private pathOf(row: MediaRow, variant: MediaVariant): string {
    const mime = variant === 'display' ? row.mime : row.thumbnail_mime
    const name = `${row.id}-${variant === 'display' ? 'display' : 'thumb'}.${EXTENSION_BY_MIME[mime] ?? 'bin'}`
    return path.join(this.dataDir, 'media', row.id.slice(-2), name)
  }
}

function toView(row: MediaRow): MediaView {
  return {
    id: row.id,
    url: `/api/v1/media/${row.id}`,
    thumbnailUrl: `/api/v1/media/${row.id}/thumbnail`,
    width: row.width,
    height: row.height,
  }
}

/** At most `limit` tasks at a time; the rest wait in order. */
class Semaphore {
  private active = 0
  private readonly waiting: Array<() => void> = []

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.active += 1
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active -= 1
    }
  }
}
