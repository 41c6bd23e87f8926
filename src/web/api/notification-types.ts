import type { PersonView } from '../../shared/api/social.js'

/**
 * A notification as `GET /notifications` lists it and `notification.new` pushes it. The server's schema has not
 * landed in src/shared yet; when it does, this becomes a re-export of it.
 */
export interface NotificationView {
  id: string
  kind: string
  actor: PersonView | null
  /** The thing it is about: a post, an order, a friend request… */
  ref: { type: string; id: string }
  data: Record<string, unknown>
  read: boolean
  createdAt: string
}

export interface NotificationsPage {
  items: NotificationView[]
  nextCursor: string | null
  unreadCount: number
}
