import type { OrderView } from '../../shared/api/commerce.js'
import type { MediaView } from '../../shared/api/feed.js'
import type { PersonView } from '../../shared/api/social.js'
import type { Actor } from '../accounts/service.js'
import { NotFoundError } from '../errors.js'
import type { OrderEventRow, OrderRow } from './store.js'

export type Role = OrderView['role']

/** The viewer's part in an order; NOT_FOUND for anyone else, so that others' orders stay unknown. */
export function roleIn(order: OrderRow, actor: Actor): Role {
  if (order.buyer_id === actor.id) return 'buyer'
  if (order.seller_id === actor.id) return 'seller'
  if (order.pay_friend_id === actor.id || order.payer_id === actor.id) return 'payer'
  throw new NotFoundError()
}

export interface ViewParts {
  people: Map<string, PersonView>
  media: Map<string, MediaView>
  events: OrderEventRow[]
}

export function peopleIn(order: OrderRow): string[] {
  return [order.buyer_id, order.seller_id, order.payer_id, order.pay_friend_id].flatMap((id) => (id ? [id] : []))
}

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString())

/**
 * An order as one of its parties sees it. The friend asked to pay (代付) sees the items, the total and who asked,
 * never the delivery address, the tracking note or the reason for a refund.
 */
export function orderView(order: OrderRow, role: Role, parts: ViewParts): OrderView {
  const person = (id: string): PersonView =>
    parts.people.get(id) ?? { id, displayName: '', maskedName: null, avatarUrl: null }
  const party = role !== 'payer'
  const requestOpen = order.status === 'created' && order.pay_friend_id !== null
  return {
    id: order.id,
    status: order.status as OrderView['status'],
    role,
    postId: order.post_id,
    title: order.title,
    image: order.media_id ? (parts.media.get(order.media_id) ?? null) : null,
    quantity: order.quantity,
    unitPrice: order.unit_price,
    total: order.total,
    currency: 'CNY',
    buyer: person(order.buyer_id),
    seller: person(order.seller_id),
    paidBy: order.payer_id ? person(order.payer_id) : null,
    payRequest:
      requestOpen && order.pay_request_expires_at !== null
        ? { friend: person(order.pay_friend_id!), expiresAt: iso(order.pay_request_expires_at)! }
        : null,
    ...(party
      ? {
          shippingAddress: order.shipping_address,
          trackingNote: order.tracking_note,
          refundReason: order.refund_reason,
        }
      : {}),
    refundRequested: order.refund_requested === 1,
    expiresAt: order.status === 'created' ? iso(order.expires_at) : null,
    autoConfirmAt: order.status === 'shipped' ? iso(order.auto_confirm_at) : null,
    timeline: parts.events
      .filter((e) => e.order_id === order.id)
      .map((e) => ({ status: e.event as OrderView['timeline'][number]['status'], at: iso(e.at)! })),
    createdAt: iso(order.created_at)!,
  }
}
