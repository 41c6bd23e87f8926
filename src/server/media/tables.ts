export interface MediaTable {
  /** A non-monotonic ULID: 80 random bits, so a url cannot be guessed from another one. */
  id: string
  owner_id: string
  /** The display file's type, always the uploaded format: image/jpeg | image/png | image/webp | image/gif. */
  mime: string
  /** Of the display file (EXIF orientation applied, longest side ≤ 1920). */
  width: number
  height: number
  /** Size of the display file on disk. */
  bytes: number
  thumbnail_mime: string
  thumbnail_bytes: number
  created_at: number
}

export interface MediaTables {
  media: MediaTable
}
