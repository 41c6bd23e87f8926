import type { TFunction } from 'i18next'
import type { NotificationData } from '../../shared/api/notifications.js'
import type { NotificationView } from '../api/notification-types.js'

type Phrase =
  | 'liked'
  | 'commented'
  | 'replied'
  | 'tipped'
  | 'friendRequest'
  | 'friendAccepted'
  | 'paymentRequest'
  | 'order'
  | 'redPacket'
  | 'iou'
  | 'other'
  | (typeof MONEY_PHRASES)[keyof typeof MONEY_PHRASES]

/** Collections and IOUs say exactly what happened, each kind its own sentence. */
const MONEY_PHRASES = {
  'collection.requested': 'collectionRequested',
  'collection.paid': 'collectionPaid',
  'collection.reminder': 'collectionReminder',
  'collection.closed': 'collectionClosed',
  'iou.requested': 'iouRequested',
  'iou.accepted': 'iouAccepted',
  'iou.declined': 'iouDeclined',
  'iou.repayment': 'iouRepayment',
  'iou.repaid': 'iouRepaid',
  'iou.due_soon': 'iouDueSoon',
  'iou.due_today': 'iouDueToday',
  'iou.overdue': 'iouOverdue',
} as const

/**
 * Which sentence a notification reads as. Its `kind` names the event (e.g. `post.liked`, `friend_request.accepted`);
 * the words in it are matched rather than whole names, so a kind added on the server later still reads sensibly.
 */
function phraseOf({ kind, ref }: NotificationView): Phrase {
  if (Object.hasOwn(MONEY_PHRASES, kind)) return MONEY_PHRASES[kind as keyof typeof MONEY_PHRASES]
  const words = `${kind} ${ref.type}`.toLowerCase()
  const has = (word: string) => words.includes(word)
  if (has('friend')) return has('accept') ? 'friendAccepted' : 'friendRequest'
  if (has('replied')) return 'replied'
  if (has('comment')) return 'commented'
  if (has('like')) return 'liked'
  if (has('tip')) return 'tipped'
  if (has('payment_request') || has('payment-request')) return 'paymentRequest'
  if (has('order')) return 'order'
  if (has('red_packet') || has('red-packet')) return 'redPacket'
  if (has('iou')) return 'iou'
  return 'other'
}

export function notificationText(notification: NotificationView, t: TFunction): string {
  const name = notification.actor?.displayName ?? t('notifications.someone')
  return t(`notifications.${phraseOf(notification)}`, { name })
}

/**
 * The line under the sentence, as WeChat shows it: what the comment or friend request said, the amount of a tip or
 * payment, the product of an order, or else the start of the post it is about.
 */
export function notificationDetail(notification: NotificationView, money: (fen: number) => string): string | null {
  const data = notification.data as NotificationData
  if (data.text) return data.text
  if (data.message) return data.message
  if (data.amount !== undefined) {
    const about = data.note ?? data.title
    return about ? `${money(data.amount)} · ${about}` : money(data.amount)
  }
  if (data.title) return data.quantity && data.quantity > 1 ? `${data.title} ×${data.quantity}` : data.title
  return data.excerpt ?? null
}

/** Where tapping it goes: the thing it is about, where the app has a page for it. */
export function notificationLink({ ref, data }: NotificationView): string | null {
  const id = encodeURIComponent(ref.id)
  switch (ref.type) {
    case 'post':
      return `/circle/posts/${id}`
    case 'comment':
      return typeof data.postId === 'string' ? `/circle/posts/${encodeURIComponent(data.postId)}` : null
    case 'order':
      return `/orders/${id}`
    case 'friend_request':
      return '/friends/requests'
    case 'payment_request':
      return '/wallet'
    case 'collection':
      return `/collections/${id}`
    case 'iou':
      return `/ious/${id}`
    case 'group':
      return `/groups/${id}`
    case 'conversation':
      return `/chat/${id}`
    default:
      return null
  }
}
