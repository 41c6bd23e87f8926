/**
 * What happened, told by the module that made it happen, after it committed. Events carry the facts a listener
 * needs, so that listeners do not read other modules' tables.
 */
export type DomainEvent =
  | FriendRequestSent
  | FriendRequestAccepted
  | PostLiked
  | PostCommented
  | PostTipped
  | PaymentRequestEvent
  | OrderEvent
  | RedPacketEvent
  | CollectionEvent
  | IouEvent

export interface FriendRequestSent {
  type: 'friend_request.sent'
  requestId: string
  fromId: string
  toId: string
  message: string | null
}

export interface FriendRequestAccepted {
  type: 'friend_request.accepted'
  requestId: string
  /** Who asked, and who said yes. */
  fromId: string
  toId: string
}

/** The post a like, comment or tip was about. */
export interface PostFacts {
  id: string
  authorId: string
  text: string
}

export interface PostLiked {
  type: 'post.liked'
  post: PostFacts
  likerId: string
}

export interface PostCommented {
  type: 'post.commented'
  post: PostFacts
  commentId: string
  commenterId: string
  text: string
  /** The author of the comment this one answers. */
  replyToUserId: string | null
}

export interface PostTipped {
  type: 'post.tipped'
  post: PostFacts
  tipperId: string
  amount: number
}

export interface PaymentRequestEvent {
  type: 'payment_request.created' | 'payment_request.paid' | 'payment_request.declined'
  requestId: string
  requesterId: string
  payerId: string
  amount: number
  note: string | null
}

/** The steps of an order's life, as its timeline names them. */
export type OrderStep =
  | 'created'
  | 'pay_requested'
  | 'paid'
  | 'shipped'
  | 'refund_requested'
  | 'refund_declined'
  | 'refunded'
  | 'completed'
  | 'closed'

export interface OrderEvent {
  type: 'order.step'
  step: OrderStep
  /** Who took the step; null for the scheduler. */
  actorId: string | null
  order: {
    id: string
    buyerId: string
    sellerId: string
    /** Who paid into escrow, once someone has. */
    payerId: string | null
    /** The friend asked to pay (代付), while asked. */
    payFriendId: string | null
    title: string
    quantity: number
    total: number
  }
}

/** Someone took a share of a red packet; or it expired and what was left went back to its sender. */
export interface RedPacketEvent {
  type: 'red_packet.claimed' | 'red_packet.expired'
  packetId: string
  senderId: string
  /** The claimer; null when it expired. */
  actorId: string | null
  /** The share taken, or the amount returned. */
  amount: number
  greeting: string
}

/**
 * A group collection (群收款) was made, paid by a member, reminded about, or closed. `members` are the shares still
 * unpaid when it was made, reminded or closed; for `paid`, the one who paid.
 */
export interface CollectionEvent {
  type: 'collection.created' | 'collection.paid' | 'collection.reminder' | 'collection.closed'
  collectionId: string
  collectorId: string
  title: string
  members: Array<{ userId: string; amount: number }>
}

/** An IOU (借條) step between its two parties; reminders come from the scheduler. */
export interface IouEvent {
  type:
    | 'iou.requested'
    | 'iou.accepted'
    | 'iou.declined'
    | 'iou.repayment'
    | 'iou.repaid'
    | 'iou.due_soon'
    | 'iou.due_today'
    | 'iou.overdue'
  iouId: string
  borrowerId: string
  lenderId: string
  /** The amount lent, or for a repayment the amount repaid. */
  amount: number
  /** What settles it today, where it is owed. */
  outstanding: number
  dueDate: string
  purpose: string
}
