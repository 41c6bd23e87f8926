import { monotonicFactory } from 'ulid'
import type { Transaction } from 'kysely'
import type {
  AddressBody,
  CreateOrderBody,
  OrdersPage,
  OrdersQuery,
  OrderView,
  PayRequestBody,
} from '../../shared/api/commerce.js'
import { AMOUNT_MAX_PER_OPERATION } from '../../shared/api/wallet.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { PinService } from '../accounts/pin-service.js'
import type { RealNameService } from '../accounts/real-name-service.js'
import type { Db } from '../db/database.js'
import type { Tables } from '../db/tables.js'
import { decodeCursor, nextCursor } from '../db/keyset.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import type { ProductCatalog } from '../feed/products.js'
import type { SharedPurchase } from '../feed/service.js'
import { transferIdFor, type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { SYSTEM_ACCOUNTS, walletAccountId } from '../ledger/accounts.js'
import type { LedgerService } from '../ledger/service.js'
import type { TransferRequest } from '../ledger/types.js'
import type { CommandResult } from '../ledger/writer.js'
import type { MediaService } from '../media/service.js'
import type { SocialService } from '../social/service.js'
import { refusal } from '../wallet/outcome.js'
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
  eventsOf,
  findDueConfirmations,
  findExpiredUnpaid,
  findOrder,
  insertOrder,
  listOrders,
  transition,
  type Guard,
  type OrderChange,
  type OrderParty,
  type OrderRow,
} from './store.js'
import { orderView, peopleIn, roleIn, type Role } from './view.js'

const newId = monotonicFactory()

export interface CommerceRules {
  /** An unpaid order closes, and its stock returns, after this long (default 30 minutes). */
  unpaidOrderMs: number
  /** A shipped order completes by itself after this long unless the buyer asks for a refund (default 10 days). */
  autoConfirmMs: number
  /** A request to a friend to pay (代付) lasts this long (24 hours). */
  payRequestMs: number
}

export interface CommerceDeps {
  db: Db
  ledger: LedgerService
  accounts: AccountsService
  realNames: RealNameService
  pins: PinService
  social: SocialService
  media: MediaService
  products: ProductCatalog
  clock: () => number
  rules: CommerceRules
}

/** Who did it: a person, or the scheduler (null). */
type By = Actor | null

/**
 * 担保交易: friends buy from friends' product posts through escrow. The payer's money is held in the escrow account
 * by a pending ledger transfer from the moment they pay; the buyer confirming receipt (or the clock, ten days after
 * shipping) posts it and pays the seller; a refund voids it back to whoever paid. Every state change is one
 * guarded update, so two parties (or a party and the scheduler) acting at once never both succeed.
 */
export class OrdersService {
  constructor(private readonly deps: CommerceDeps) {}

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
    return this.get(actor, order.id)
  }

  async get(actor: Actor, id: string): Promise<OrderView> {
    const order = await this.find(id)
    return (await this.views(actor, [order]))[0]!
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
      items: await this.views(actor, rows.slice(0, limit)),
      nextCursor: nextCursor(rows, limit, (row) => ({ createdAt: row.created_at, id: row.id })),
    }
  }

  /** The buyer, or the one friend they asked (代付), pays into escrow with their PIN. */
  async pay(actor: Actor, id: string, pin: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const order = await this.find(id)
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
    return this.moveMoney(actor, order, {
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
    const order = await this.find(id)
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
    await this.change(actor, order, 'ask a friend to pay', { from: ['created'], openAt: now }, 'pay_requested', {
      pay_friend_id: friendId,
      pay_request_expires_at: until,
      expires_at: Math.max(order.expires_at ?? 0, until),
    })
    return this.get(actor, id)
  }

  /** Either party calls off an unpaid order; its stock returns. */
  async cancel(actor: Actor, id: string): Promise<OrderView> {
    const order = await this.find(id)
    if (roleIn(order, actor) === 'payer') throw new ForbiddenError()
    await this.close(order, actor, { from: ['created'] })
    return this.get(actor, id)
  }

  async setAddress(actor: Actor, id: string, body: AddressBody): Promise<OrderView> {
    const order = await this.find(id)
    if (roleIn(order, actor) !== 'buyer') throw new ForbiddenError()
    const changed = await transition(
      this.deps.db,
      id,
      { from: ['created', 'paid'] },
      { shipping_address: body.shippingAddress.trim(), updated_at: this.deps.clock() },
    )
    if (!changed) await this.refuse(id, 'change the address')
    return this.get(actor, id)
  }

  /** What a purchase post may show; only the buyer shares, and only what they have paid for. */
  async shareable(actor: Actor, orderId: string): Promise<SharedPurchase> {
    const order = await this.find(orderId)
    if (roleIn(order, actor) !== 'buyer') throw new ForbiddenError()
    if (!['paid', 'shipped', 'completed'].includes(order.status)) {
      throw new OrderStateInvalidError(order.status, 'share')
    }
    return { productPostId: order.post_id, title: order.title, unitPrice: order.unit_price, mediaId: order.media_id }
  }

  /** Seller only, once paid: the goods are on their way and the auto-confirm clock starts. */
  async ship(actor: Actor, id: string, trackingNote: string | undefined): Promise<OrderView> {
    const order = await this.find(id)
    if (roleIn(order, actor) !== 'seller') throw new ForbiddenError()
    const now = this.deps.clock()
    await this.change(actor, order, 'ship', { from: ['paid'] }, 'shipped', {
      status: 'shipped',
      tracking_note: trackingNote?.trim() || null,
      auto_confirm_at: now + this.deps.rules.autoConfirmMs,
    })
    return this.get(actor, id)
  }

  /** The buyer has the goods: the escrow is posted and paid on to the seller. */
  async confirm(actor: Actor, id: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const order = await this.find(id)
    if (roleIn(order, actor) !== 'buyer') throw new ForbiddenError()
    if (order.status !== 'shipped') throw new OrderStateInvalidError(order.status, 'confirm')
    return this.release(order, actor, scope)
  }

  /**
   * The buyer asks for their money back: before shipping it is returned at once (and the stock with it); after
   * shipping the request pauses the auto-confirm clock and the seller decides. The seller refunds at any point
   * until the order completes. A refund voids the hold, so the money goes back to whoever paid it.
   */
  async refund(actor: Actor, id: string, reason: string | undefined, scope: IdempotencyScope): Promise<StoredResponse> {
    const order = await this.find(id)
    const role = roleIn(order, actor)
    if (role === 'payer') throw new ForbiddenError()
    const now = this.deps.clock()
    const why = reason?.trim() || null
    if (role === 'buyer' && order.status === 'shipped') {
      // No money moves yet, but the answer is remembered under the key like any other.
      return this.moveMoney(actor, order, {
        transfers: [],
        guard: { from: ['shipped'], refundRequested: false },
        change: {
          refund_requested: 1,
          refund_reason: why,
          auto_confirm_at: null,
          auto_confirm_paused_ms: Math.max(0, (order.auto_confirm_at ?? now) - now),
          updated_at: now,
        },
        event: 'refund_requested',
        action: 'refund',
        scope,
        status: 200,
      })
    }
    if (order.status !== 'paid' && order.status !== 'shipped') throw new OrderStateInvalidError(order.status, 'refund')
    return this.moveMoney(actor, order, {
      transfers: [{ id: `order-refund:${order.id}`, kind: 'void', pendingId: order.hold_id!, code: 'order_refund' }],
      guard: { from: [order.status] },
      change: { status: 'refunded', refund_reason: why ?? order.refund_reason, auto_confirm_at: null, updated_at: now },
      event: 'refunded',
      action: 'refund',
      scope,
      status: 200,
      // Not shipped: the goods are still the seller's to sell.
      effects:
        order.status === 'paid' ? (trx) => this.deps.products.giveBack(trx, order.post_id, order.quantity) : undefined,
    })
  }

  /** The seller turns down a refund request; the clock runs on with the time it had left. */
  async declineRefund(actor: Actor, id: string): Promise<OrderView> {
    const order = await this.find(id)
    if (roleIn(order, actor) !== 'seller') throw new ForbiddenError()
    if (order.status !== 'shipped' || order.refund_requested !== 1) {
      throw new OrderStateInvalidError(order.status, 'decline a refund')
    }
    const now = this.deps.clock()
    await this.change(
      actor,
      order,
      'decline a refund',
      { from: ['shipped'], refundRequested: true },
      'refund_declined',
      {
        refund_requested: 0,
        auto_confirm_at: now + (order.auto_confirm_paused_ms ?? 0),
        auto_confirm_paused_ms: null,
      },
    )
    return this.get(actor, id)
  }

  /**
   * The scheduler's work, found in the database so that a restart loses nothing and several processes may run it:
   * close unpaid orders past their time, confirm shipped orders past theirs. Returns how many orders it settled.
   */
  async settleDue(limit = 200): Promise<number> {
    const now = this.deps.clock()
    let settled = 0
    for (const order of await findExpiredUnpaid(this.deps.db, now, limit)) {
      if (await this.close(order, null, { from: ['created'], expiredAt: now })) settled++
    }
    for (const order of await findDueConfirmations(this.deps.db, now, limit)) {
      const result = await this.release(order, null, undefined, now)
      if (result.status < 300) settled++
    }
    return settled
  }

  private async release(order: OrderRow, by: By, scope: IdempotencyScope | undefined, dueAt?: number) {
    return this.moveMoney(by, order, {
      transfers: [
        { id: `order-release:${order.id}`, kind: 'post', pendingId: order.hold_id!, code: 'order' },
        {
          id: `order-payout:${order.id}`,
          kind: 'single',
          debitAccountId: SYSTEM_ACCOUNTS.escrow,
          creditAccountId: walletAccountId(order.seller_id),
          amount: order.total,
          code: 'order',
          refType: 'order',
          refId: order.id,
          note: order.title,
        },
      ],
      guard: { from: ['shipped'], ...(dueAt !== undefined ? { dueAt } : {}) },
      change: { status: 'completed', auto_confirm_at: null, updated_at: this.deps.clock() },
      event: 'completed',
      action: 'confirm',
      scope,
      status: 200,
    })
  }

  private async close(order: OrderRow, by: By, guard: Guard): Promise<boolean> {
    return this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock()
      if (!(await transition(trx, order.id, guard, { status: 'closed', expires_at: null, updated_at: now }))) {
        if (by) await this.refuse(order.id, 'cancel', trx)
        return false
      }
      await this.deps.products.giveBack(trx, order.post_id, order.quantity)
      await appendEvent(trx, { order_id: order.id, event: 'closed', actor_id: by?.id ?? null, at: now })
      return true
    })
  }

  /** A state change that moves no money. */
  private async change(
    actor: Actor,
    order: OrderRow,
    action: string,
    guard: Guard,
    event: string,
    change: OrderChange,
  ): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock()
      if (!(await transition(trx, order.id, guard, { ...change, updated_at: now }))) {
        await this.refuse(order.id, action, trx)
      }
      await appendEvent(trx, { order_id: order.id, event, actor_id: actor.id, at: now })
    })
  }

  /**
   * A state change that moves money: the guarded update and the event commit in the ledger's own transaction with
   * the transfers, or neither happens. The answer is remembered under the idempotency key in that transaction too.
   */
  private async moveMoney(
    by: By,
    order: OrderRow,
    step: {
      transfers: TransferRequest[]
      guard: Guard
      change: OrderChange
      event: string
      action: string
      scope: IdempotencyScope | undefined
      status: number
      effects?: ((trx: Transaction<Tables>) => Promise<void>) | undefined
    },
  ): Promise<StoredResponse> {
    const now = this.deps.clock()
    const after = { ...order, ...step.change }
    // Everything the answer shows is read before the money moves, so that the remembered answer is complete.
    const role = by ? roleIn(order, by) : 'buyer'
    const parts = await this.viewParts([after])
    const toResponse = (result: CommandResult): StoredResponse =>
      refusal(result) ?? {
        status: step.status,
        body: orderView(after, role, {
          ...parts,
          events: [
            ...parts.events,
            { order_id: order.id, seq: parts.events.length + 1, event: step.event, actor_id: by?.id ?? null, at: now },
          ],
        }),
      }
    const result = await this.deps.ledger.submit({
      transfers: step.transfers,
      effects: async (trx) => {
        if (!(await transition(trx, order.id, step.guard, step.change))) await this.refuse(order.id, step.action, trx)
        await step.effects?.(trx)
        await appendEvent(trx, { order_id: order.id, event: step.event, actor_id: by?.id ?? null, at: now })
      },
      ...(step.scope ? { remember: { ...step.scope, response: toResponse } } : {}),
    })
    return toResponse(result)
  }

  private assertPayable(order: OrderRow, now: number): void {
    if (order.status !== 'created') throw new OrderStateInvalidError(order.status, 'pay')
    // Past its time but not yet swept: as good as closed.
    if ((order.expires_at ?? 0) <= now) throw new OrderStateInvalidError('closed', 'pay')
  }

  /** Throws the error that says why a guarded change did not apply, from the order as it is now. */
  private async refuse(id: string, action: string, db: Db | Transaction<Tables> = this.deps.db): Promise<never> {
    const order = await findOrder(db, id)
    const status = order?.status ?? 'closed'
    const open = status === 'created' && (order?.expires_at ?? 0) > this.deps.clock()
    // Still open, so the guard that failed was the friend's: their request expired or went to someone else.
    if (open && action === 'pay') throw new PayRequestExpiredError()
    throw new OrderStateInvalidError(status === 'created' && !open ? 'closed' : status, action)
  }

  private async find(id: string): Promise<OrderRow> {
    const order = await findOrder(this.deps.db, id)
    if (!order) throw new NotFoundError()
    return order
  }

  private async views(actor: Actor, orders: OrderRow[]): Promise<OrderView[]> {
    const parts = await this.viewParts(orders)
    return orders.map((order) => orderView(order, roleIn(order, actor), parts))
  }

  private async viewParts(orders: OrderRow[]) {
    const [people, media, events] = await Promise.all([
      this.deps.accounts.profiles(orders.flatMap(peopleIn)),
      this.deps.media.views(orders.flatMap((o) => (o.media_id ? [o.media_id] : []))),
      eventsOf(
        this.deps.db,
        orders.map((o) => o.id),
      ),
    ])
    return { people, media, events }
  }
}
