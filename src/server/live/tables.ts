export interface LiveEventsTable {
  id: string
  host_id: string
  title: string
  description: string
  starts_at: number
  stream_url: string | null
  replay_url: string | null
  cover_media_id: string | null
  /** upcoming | live | ended */
  status: string
  started_at: number | null
  ended_at: number | null
  export_salt: string
  created_at: number
}

export interface DanmakuTable {
  id: string
  event_id: string
  /** null: imported from a Bilibili file. */
  user_id: string | null
  text: string
  /** Seconds into the video. */
  video_time: number
  /** scroll | top | bottom */
  mode: string
  /** Pixels, as Bilibili writes it: 18 small, 25 normal, 36 large. */
  font_size: number
  /** RGB888. */
  color: number
  pool: number
  sender_hash: string | null
  /** int64 as text. */
  dmid: string
  weight: number | null
  /** danmaku | tip */
  kind: string
  amount: number | null
  recalled_at: number | null
  created_at: number
}

export interface LiveMutesTable {
  event_id: string
  user_id: string
  created_at: number
}

export interface LiveKeywordsTable {
  event_id: string
  keyword: string
}

export interface LiveTables {
  live_events: LiveEventsTable
  danmaku: DanmakuTable
  live_mutes: LiveMutesTable
  live_keywords: LiveKeywordsTable
}
