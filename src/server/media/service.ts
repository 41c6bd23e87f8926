import type { MediaView } from '../../shared/api/feed.js'
import type { Db } from '../db/database.js'

/** Uploaded images: sniffed, size-limited, EXIF-stripped, resized, stored under DATA_DIR. */
export class MediaService {
  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly clock: () => number,
  ) {}

  /**
   * The views of media `ownerId` uploaded, in the order asked; throws VALIDATION_FAILED naming `mediaIds` when
   * any id is unknown or someone else's.
   */
  async ownedViews(ownerId: string, ids: string[]): Promise<MediaView[]> {
    void this.db
    void this.dataDir
    void this.clock
    if (ids.length > 0) throw new Error(`media is not built yet (${ownerId})`)
    return []
  }

  /** Views by id, for hydrating posts. */
  async views(ids: string[]): Promise<Map<string, MediaView>> {
    return new Map(ids.length === 0 ? [] : [])
  }
}
