export interface NotificationsTable {
  id: string
  recipient_id: string
  /** A NotificationKind: friend_request.received, post.liked, order.shipped… */
  kind: string
  /** Who did it; null for the system (the order scheduler). */
  actor_id: string | null
  /** What it is about: friend_request | post | payment_request | order, and its id. */
  ref_type: string
  ref_id: string
  /** JSON: NotificationData, what a client needs to render the line. */
  data: string
  read_at: number | null
  created_at: number
}

export interface NotificationsTables {
  notifications: NotificationsTable
}
