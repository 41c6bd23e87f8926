export interface PostsTable {
  id: string
  author_id: string
  /** status | product | purchase */
  kind: string
  text: string
  /** friends | private | include | exclude; include/exclude lists live in post_audience. */
  visibility: string
  tips_enabled: number
  product_title: string | null
  product_price: number | null
  product_stock: number | null
  product_description: string | null
  /** 1: the seller took the product off sale; orders already placed go on. */
  product_delisted: number
  order_id: string | null
  /** purchase posts: the product post bought. */
  purchase_of_post_id: string | null
  created_at: number
}

export interface PostAudienceTable {
  post_id: string
  user_id: string
}

export interface PostMediaTable {
  post_id: string
  media_id: string
  position: number
}

export interface PostLikesTable {
  post_id: string
  user_id: string
  created_at: number
}

export interface PostCommentsTable {
  id: string
  post_id: string
  author_id: string
  text: string
  reply_to_comment_id: string | null
  reply_to_user_id: string | null
  created_at: number
}

/** Each tipper's password-free tips per China day, kept exact by the ledger batch that moves the money. */
export interface TipDailyTotalsTable {
  user_id: string
  day: string
  amount: number
}

export interface FeedTables {
  posts: PostsTable
  post_audience: PostAudienceTable
  post_media: PostMediaTable
  post_likes: PostLikesTable
  post_comments: PostCommentsTable
  tip_daily_totals: TipDailyTotalsTable
}
