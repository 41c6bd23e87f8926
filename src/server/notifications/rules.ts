import type { NotificationData, NotificationKind, RefType } from '../../shared/api/notifications.js'
import type { CollectionEvent, DomainEvent, IouEvent, OrderEvent, OrderStep, PostFacts } from '../events/types.js'

/** A notification before the rules of the moment (self, blocks, mutes) decide whether it is sent. */
export interface Draft {
  recipientId: string
  kind: NotificationKind
  actorId: string | null
  ref: { type: RefType; id: string }
  data: NotificationData
  /** Sent only while the recipient and the actor are friends: otherwise the recipient could not see what it says. */
  friendsOnly?: boolean
}

const EXCERPT_MAX = 30
const COMMENT_PREVIEW_MAX = 50

/** Who hears of an event, and what they are told. Pure: the service applies blocks and mutes afterwards. */
export function draftsFor(event: DomainEvent): Draft[] {
  switch (event.type) {
    case 'friend_request.sent':
      return [
        {
          recipientId: event.toId,
          kind: 'friend_request.received',
          actorId: event.fromId,
          ref: { type: 'friend_request', id: event.requestId },
          data: event.message ? { message: event.message } : {},
        },
      ]
    case 'friend_request.accepted':
      return [
        {
          recipientId: event.fromId,
          kind: 'friend_request.accepted',
          actorId: event.toId,
          ref: { type: 'friend_request', id: event.requestId },
          data: {},
        },
      ]
    case 'post.liked':
      return [postDraft(event.post, 'post.liked', event.likerId, {})]
    case 'post.tipped':
      return [postDraft(event.post, 'post.tipped', event.tipperId, { amount: event.amount, currency: 'CNY' })]
    case 'post.commented': {
      const data = { commentId: event.commentId, text: preview(event.text, COMMENT_PREVIEW_MAX) }
      const reply = event.replyToUserId
      const drafts: Draft[] = []
      // WeChat's rule: a comment is seen only by the commenter's friends, so only a friend hears of a reply.
      if (reply) {
        drafts.push({
          ...postDraft(event.post, 'comment.replied', event.commenterId, data),
          recipientId: reply,
          friendsOnly: true,
        })
      }
      // The post's author, unless the reply was to them: one notification per comment each.
      if (reply !== event.post.authorId) drafts.push(postDraft(event.post, 'post.commented', event.commenterId, data))
      return drafts
    }
    case 'payment_request.created':
    case 'payment_request.paid':
    case 'payment_request.declined': {
      const created = event.type === 'payment_request.created'
      const kind = event.type === 'payment_request.created' ? 'payment_request.received' : event.type
      return [
        {
          recipientId: created ? event.payerId : event.requesterId,
          kind,
          actorId: created ? event.requesterId : event.payerId,
          ref: { type: 'payment_request', id: event.requestId },
          data: { amount: event.amount, currency: 'CNY', ...(created && event.note ? { note: event.note } : {}) },
        },
      ]
    }
    case 'order.step':
      return orderDrafts(event)
    case 'red_packet.claimed':
    case 'red_packet.expired':
      return [
        {
          recipientId: event.senderId,
          kind: event.type,
          actorId: event.actorId,
          ref: { type: 'red_packet', id: event.packetId },
          data: { amount: event.amount, currency: 'CNY', ...(event.greeting ? { note: event.greeting } : {}) },
        },
      ]
    case 'collection.created':
    case 'collection.paid':
    case 'collection.reminder':
    case 'collection.closed':
      return collectionDrafts(event)
    case 'iou.requested':
    case 'iou.accepted':
    case 'iou.declined':
    case 'iou.repayment':
    case 'iou.repaid':
    case 'iou.due_soon':
    case 'iou.due_today':
    case 'iou.overdue':
      return iouDrafts(event)
  }
}

/** Members are asked, reminded and told of the close by the collector; the collector hears of each payment. */
function collectionDrafts({ type, collectionId, collectorId, title, members }: CollectionEvent): Draft[] {
  const ref = { type: 'collection' as const, id: collectionId }
  if (type === 'collection.paid') {
    return members.map(({ userId, amount }) => ({
      recipientId: collectorId,
      kind: type,
      actorId: userId,
      ref,
      data: { title, amount, currency: 'CNY' },
    }))
  }
  const kind = type === 'collection.created' ? 'collection.requested' : type
  return members.map(({ userId, amount }) => ({
    recipientId: userId,
    kind,
    actorId: collectorId,
    ref,
    data: { title, amount, currency: 'CNY' },
  }))
}

/**
 * The borrower's steps (asking, repaying) go to the lender, the lender's (accepting, declining) to the borrower.
 * Reminders come from the clock (no actor): the borrower gets each, the lender also the overdue one.
 */
function iouDrafts(event: IouEvent): Draft[] {
  const { type: kind, iouId, borrowerId, lenderId, amount, outstanding, dueDate, purpose } = event
  const data = { amount, currency: 'CNY' as const, outstanding, dueDate, ...(purpose ? { note: purpose } : {}) }
  const ref = { type: 'iou' as const, id: iouId }
  switch (kind) {
    case 'iou.requested':
    case 'iou.repayment':
    case 'iou.repaid':
      return [{ recipientId: lenderId, kind, actorId: borrowerId, ref, data }]
    case 'iou.accepted':
    case 'iou.declined':
      return [{ recipientId: borrowerId, kind, actorId: lenderId, ref, data }]
    case 'iou.due_soon':
    case 'iou.due_today':
      return [{ recipientId: borrowerId, kind, actorId: null, ref, data }]
    case 'iou.overdue':
      return [borrowerId, lenderId].map((recipientId) => ({ recipientId, kind, actorId: null, ref, data }))
  }
}

/** Which parties each order step concerns; whoever took the step is left out by the self rule. */
const ORDER_AUDIENCE: Record<OrderStep, Array<'buyer' | 'seller' | 'payer' | 'payFriend'>> = {
  created: ['seller'],
  pay_requested: ['payFriend'],
  // The buyer hears of it when a friend paid for them (代付).
  paid: ['seller', 'buyer'],
  shipped: ['buyer'],
  refund_requested: ['seller'],
  refund_declined: ['buyer'],
  // The money goes back to whoever paid; the seller hears when the buyer took it back before shipping.
  refunded: ['buyer', 'payer', 'seller'],
  // The buyer hears when the clock confirmed for them.
  completed: ['seller', 'buyer'],
  closed: ['buyer', 'seller'],
}

function orderDrafts({ step, actorId, order }: OrderEvent): Draft[] {
  const ids = { buyer: order.buyerId, seller: order.sellerId, payer: order.payerId, payFriend: order.payFriendId }
  const recipients = new Set(ORDER_AUDIENCE[step].flatMap((party) => ids[party] ?? []))
  return [...recipients].map((recipientId) => ({
    recipientId,
    kind: `order.${step}`,
    actorId,
    ref: { type: 'order', id: order.id },
    data: { title: order.title, quantity: order.quantity, amount: order.total, currency: 'CNY' },
  }))
}

function postDraft(post: PostFacts, kind: NotificationKind, actorId: string, data: NotificationData): Draft {
  const excerpt = preview(post.text, EXCERPT_MAX)
  return {
    recipientId: post.authorId,
    kind,
    actorId,
    ref: { type: 'post', id: post.id },
    data: { ...(excerpt ? { excerpt } : {}), ...data },
  }
}

/** The first characters (not UTF-16 halves) of a text on one line, with an ellipsis when cut. */
export function preview(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const chars = [...flat]
  return chars.length <= max ? flat : `${chars.slice(0, max).join('')}…`
}
