import { monotonicFactory } from 'ulid'
import type {
  AddressBody,
  CreateOrderBody,
  OrdersPage,
  OrdersQuery,
  OrderView,
  PayRequestBody,
} from '../../shared/api/commerce.js'
import { AMOUNT_MAX_PER_OPERATION } from '../../shared/api/wallet.js'
import type { Actor } from '../accounts/service.js'
import { decodeCursor, nextCursor } from '../db/keyset.js'
import { ForbiddenError, ValidationError } from '../errors.js'
import type { SharedPurchase } from '../feed/service.js'
import { transferIdFor, type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { SYSTEM_ACCOUNTS, walletAccountId } from '../ledger/accounts.js'
import {
  CannotBuyFromYourselfError,
  OrderStateInvalidError,
  OrderTotalTooLargeError,
  OutOfStockError,
  PayRequestExpiredError,
  ProductDelistedError,
} from './errors.js'
import {
  appendEvent,
  insertOrder,
  listOrders,
  transition,
  type Guard,
  type OrderChange,
  type OrderParty,
  type OrderRow,
} from './store.js'
import { roleIn, type Role } from './view.js'
import { type OrderSteps, type CommerceDeps } from './steps.js'

const newId = monotonicFactory()

/**
 * 担保交易, up to the money being held: a friend orders from a product post (taking stock), and pays into escrow,
 * or asks one friend to pay for them (代付). The payer's money is held in the escrow account by a pending ledger
 * transfer; FulfilmentService takes the order from there.
 */
export class OrdersService {
  private readonly deps: CommerceDeps

  constructor(private readonly steps: OrderSteps) {
    this.deps = steps.deps
  }

  async create(actor: Actor, body: CreateOrderBody): Promise<OrderView> {
    const listing = await this.deps.products.listing(actor, body.postId)
    if (listing.sellerId === actor.id) throw new CannotBuyFromYourselfError()
    if (listing.delisted) throw new ProductDelistedError()
    if (listing.stock < body.quantity) throw new OutOfStockError()
    const total = listing.price * body.quantity
    if (total > AMOUNT_MAX_PER_OPERATION) throw new OrderTotalTooLargeError()
    const now = this.deps.clock()
    const order: OrderRow = {
      id: newId(),
      post_id: listing.postId,
      seller_id: listing.sellerId,
      buyer_id: actor.id,
      title: listing.title,
      media_id: listing.mediaId,
      quantity: body.quantity,
      unit_price: listing.price,
      total,
      status: 'created',
      payer_id: null,
      hold_id: null,
      pay_friend_id: null,
      pay_request_expires_at: null,
      shipping_address: body.shippingAddress?.trim() || null,
      tracking_note: null,
      refund_reason: null,
      refund_requested: 0,
      expires_at: now + this.deps.rules.unpaidOrderMs,
      auto_confirm_at: null,
      auto_confirm_paused_ms: null,
      created_at: now,
      updated_at: now,
    }
    await this.deps.db.transaction().execute(async (trx) => {
      // Stock is taken with the order in one transaction: never more sold than there is, even at once.
      if (!(await this.deps.products.take(trx, listing.postId, body.quantity))) throw new OutOfStockError()
      await insertOrder(trx, order)
      await appendEvent(trx, { order_id: order.id, event: 'created', actor_id: actor.id, at: now })
    })
    this.steps.emit('created', actor, order)
    return this.get(actor, order.id)
  }

  get(actor: Actor, id: string): Promise<OrderView> {
    return this.steps.view(actor, id)
  }

  async list(actor: Actor, query: OrdersQuery): Promise<OrdersPage> {
    const limit = query.limit ?? 20
    const party: Record<Role, OrderParty> = { buyer: 'buyer_id', seller: 'seller_id', payer: 'pay_friend_id' }
    const rows = await listOrders(
      this.deps.db,
      party[query.role ?? 'buyer'],
      actor.id,
      limit + 1,
      decodeCursor(query.cursor),
    )
    return {
      items: await this.steps.views(actor, rows.slice(0, limit)),
      nextCursor: nextCursor(rows, limit, (row) => ({ createdAt: row.created_at, id: row.id })),
    }
  }

  /** The buyer, or the one friend they asked (代付), pays into escrow with their PIN. */
  async pay(actor: Actor, id: string, pin: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const order = await this.steps.find(id)
    const role = roleIn(order, actor)
    if (role === 'seller') throw new ForbiddenError()
    const now = this.deps.clock()
    const askedFriend = role === 'payer'
    if (askedFriend && order.pay_friend_id !== actor.id) throw new ForbiddenError()
    if (await this.deps.social.isBlockedEitherWay(actor.id, order.seller_id)) throw new ForbiddenError()
    await this.deps.realNames.requireVerified(actor.id)
    await this.deps.pins.verify(actor.id, pin)
    if (askedFriend && (order.pay_request_expires_at ?? 0) <= now) throw new PayRequestExpiredError()
    this.assertPayable(order, now)

    const holdId = transferIdFor(scope, 'order-payment')
    const guard: Guard = { from: ['created'], openAt: now }
    const change: OrderChange = {
      status: 'paid',
      payer_id: actor.id,
      hold_id: holdId,
      expires_at: null,
      updated_at: now,
    }
    return this.steps.moveMoney(actor, order, {
      transfers: [
        {
          id: holdId,
          kind: 'pending',
          debitAccountId: walletAccountId(actor.id),
          creditAccountId: SYSTEM_ACCOUNTS.escrow,
          amount: order.total,
          code: 'order',
          refType: 'order',
          refId: order.id,
          note: order.title,
        },
      ],
      guard: askedFriend ? { ...guard, askedFriend: { id: actor.id, at: now } } : guard,
      change,
      event: 'paid',
      action: 'pay',
      scope,
      status: 200,
    })
  }

  /** 代付: the buyer asks one friend to pay; asking again asks another instead. The order waits for them. */
  async askFriendToPay(actor: Actor, id: string, body: PayRequestBody): Promise<OrderView> {
    const order = await this.steps.find(id)
    if (roleIn(order, actor) !== 'buyer') throw new ForbiddenError()
    const friendId = body.friendId
    if (friendId === actor.id || friendId === order.seller_id) throw new ValidationError('friendId')
    const friends =
      (await this.deps.social.areFriends(actor.id, friendId)) &&
      !(await this.deps.social.isBlockedEitherWay(actor.id, friendId))
    if (!friends) throw new ValidationError('friendId')
    const now = this.deps.clock()
    this.assertPayable(order, now)
    const until = now + this.deps.rules.payRequestMs
    await this.steps.change(actor, order, 'ask a friend to pay', { from: ['created'], openAt: now }, 'pay_requested', {
      pay_friend_id: friendId,
      pay_request_expires_at: until,
      expires_at: Math.max(order.expires_at ?? 0, until),
    })
    return this.steps.view(actor, id)
  }

  /** Either party calls off an unpaid order; its stock returns. */
  async cancel(actor: Actor, id: string): Promise<OrderView> {
    const order = await this.steps.find(id)
    if (roleIn(order, actor) === 'payer') throw new ForbiddenError()
    await this.steps.close(order, actor, { from: ['created'] })
    return this.steps.view(actor, id)
  }

  async setAddress(actor: Actor, id: string, body: AddressBody): Promise<OrderView> {
    const order = await this.steps.find(id)
    if (roleIn(order, actor) !== 'buyer') throw new ForbiddenError()
    const changed = await transition(
      this.deps.db,
      id,
      { from: ['created', 'paid'] },
      { shipping_address: body.shippingAddress.trim(), updated_at: this.deps.clock() },
    )
    if (!changed) await this.steps.refuse(id, 'change the address')
    return this.steps.view(actor, id)
  }

  /** What a purchase post may show; only the buyer shares, and only what they have paid for. */
  async shareable(actor: Actor, orderId: string): Promise<SharedPurchase> {
    const order = await this.steps.find(orderId)
    if (roleIn(order, actor) !== 'buyer') throw new ForbiddenError()
    if (!['paid', 'shipped', 'completed'].includes(order.status)) {
      throw new OrderStateInvalidError(order.status, 'share')
    }
    return { productPostId: order.post_id, title: order.title, unitPrice: order.unit_price, mediaId: order.media_id }
  }

  /** Seller only, once paid: the goods are on their way and the auto-confirm clock starts. */

  assertPayable(order: OrderRow, now: number): void {
    if (order.status !== 'created') throw new OrderStateInvalidError(order.status, 'pay')
    // Past its time but not yet swept: as good as closed.
    if ((order.expires_at ?? 0) <= now) throw new OrderStateInvalidError('closed', 'pay')
  }
}
