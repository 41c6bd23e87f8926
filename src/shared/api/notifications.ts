import { Type, type Static } from 'typebox'
import { PersonView } from './social.js'

const Id = Type.String({ minLength: 1, maxLength: 64 })
const Cursor = Type.String({ minLength: 1, maxLength: 200 })
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })

/** What happened to the recipient. */
export const NOTIFICATION_KINDS = [
  'friend_request.received',
  'friend_request.accepted',
  'post.liked',
  'post.commented',
  'comment.replied',
  'post.tipped',
  'payment_request.received',
  'payment_request.paid',
  'payment_request.declined',
  'order.created',
  'order.pay_requested',
  'order.paid',
  'order.shipped',
  'order.refund_requested',
  'order.refund_declined',
  'order.refunded',
  'order.completed',
  'order.closed',
  'red_packet.claimed',
  'red_packet.expired',
  'collection.requested',
  'collection.paid',
  'collection.reminder',
  'collection.closed',
  'iou.requested',
  'iou.accepted',
  'iou.declined',
  'iou.repayment',
  'iou.repaid',
  'iou.due_soon',
  'iou.due_today',
  'iou.overdue',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** What a notification is about, for the client to open it. */
export const REF_TYPES = [
  'friend_request',
  'post',
  'payment_request',
  'order',
  'red_packet',
  'collection',
  'iou',
] as const
export type RefType = (typeof REF_TYPES)[number]

/** Just enough to render a line without another request; never a secret, an address or a chat message. */
export const NotificationData = Type.Object(
  {
    excerpt: Type.Optional(Type.String({ description: 'the start of the post a like, comment or tip was about' })),
    commentId: Type.Optional(Type.String()),
    text: Type.Optional(Type.String({ description: 'the start of the comment' })),
    message: Type.Optional(Type.String({ description: 'what the friend request said' })),
    amount: Type.Optional(Type.Integer({ description: 'fen' })),
    currency: Type.Optional(Type.Literal('CNY')),
    note: Type.Optional(
      Type.String({ description: 'the payment request note, the red packet greeting or the IOU purpose' }),
    ),
    title: Type.Optional(Type.String({ description: 'the ordered product, or the collection' })),
    quantity: Type.Optional(Type.Integer()),
    outstanding: Type.Optional(Type.Integer({ description: 'fen an IOU still owes' })),
    dueDate: Type.Optional(Type.String({ description: "an IOU's due date, YYYY-MM-DD" })),
  },
  { additionalProperties: false },
)
export type NotificationData = Static<typeof NotificationData>

export const NotificationView = Type.Object({
  id: Type.String(),
  kind: Type.Enum([...NOTIFICATION_KINDS]),
  actor: Type.Union([PersonView, Type.Null()], { description: 'null: the system (e.g. an order closed on time)' }),
  ref: Type.Object({ type: Type.Enum([...REF_TYPES]), id: Type.String() }),
  data: NotificationData,
  read: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
})
export type NotificationView = Static<typeof NotificationView>

export const NotificationsQuery = Type.Object({
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor),
  unread: Type.Optional(Type.Boolean({ description: 'true: only unread ones' })),
})
export type NotificationsQuery = Static<typeof NotificationsQuery>

export const NotificationsPage = Type.Object({
  items: Type.Array(NotificationView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  unreadCount: Type.Integer({ minimum: 0 }),
})
export type NotificationsPage = Static<typeof NotificationsPage>

export const MarkReadBody = Type.Object(
  {
    ids: Type.Optional(
      Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true, description: 'omitted: all of mine' }),
    ),
  },
  { additionalProperties: false },
)
export type MarkReadBody = Static<typeof MarkReadBody>
