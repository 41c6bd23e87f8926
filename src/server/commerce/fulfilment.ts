import type { OrderView } from '../../shared/api/commerce.js'
import type { Actor } from '../accounts/service.js'
import { ForbiddenError } from '../errors.js'
import { type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { SYSTEM_ACCOUNTS, walletAccountId } from '../ledger/accounts.js'
import { OrderStateInvalidError } from './errors.js'
import { findDueConfirmations, findExpiredUnpaid, type OrderRow } from './store.js'
import { roleIn } from './view.js'
import { type OrderSteps, type By, type CommerceDeps } from './steps.js'

/**
 * 担保交易, from the money held to its end: the seller ships, the buyer confirming receipt (or the clock, ten days
 * after shipping) posts the hold and pays the seller, a refund voids it back to whoever paid. Every state change is
 * one guarded update, so two parties (or a party and the scheduler) acting at once never both succeed.
 */
export class FulfilmentService {
  private readonly deps: CommerceDeps

  constructor(private readonly steps: OrderSteps) {
    this.deps = steps.deps
  }

  async ship(actor: Actor, id: string, trackingNote: string | undefined): Promise<OrderView> {
    const order = await this.steps.find(id)
    if (roleIn(order, actor) !== 'seller') throw new ForbiddenError()
    const now = this.deps.clock()
    await this.steps.change(actor, order, 'ship', { from: ['paid'] }, 'shipped', {
      status: 'shipped',
      tracking_note: trackingNote?.trim() || null,
      auto_confirm_at: now + this.deps.rules.autoConfirmMs,
    })
    return this.steps.view(actor, id)
  }

  /** The buyer has the goods: the escrow is posted and paid on to the seller. */
  async confirm(actor: Actor, id: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const order = await this.steps.find(id)
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
    const order = await this.steps.find(id)
    const role = roleIn(order, actor)
    if (role === 'payer') throw new ForbiddenError()
    const now = this.deps.clock()
    const why = reason?.trim() || null
    if (role === 'buyer' && order.status === 'shipped') {
      // No money moves yet, but the answer is remembered under the key like any other.
      return this.steps.moveMoney(actor, order, {
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
    return this.steps.moveMoney(actor, order, {
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
    const order = await this.steps.find(id)
    if (roleIn(order, actor) !== 'seller') throw new ForbiddenError()
    if (order.status !== 'shipped' || order.refund_requested !== 1) {
      throw new OrderStateInvalidError(order.status, 'decline a refund')
    }
    const now = this.deps.clock()
    await this.steps.change(
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
    return this.steps.view(actor, id)
  }

  /**
   * The scheduler's work, found in the database so that a restart loses nothing and several processes may run it:
   * close unpaid orders past their time, confirm shipped orders past theirs. Returns how many orders it settled.
   */
  async settleDue(limit = 200): Promise<number> {
    const now = this.deps.clock()
    let settled = 0
    for (const order of await findExpiredUnpaid(this.deps.db, now, limit)) {
      if (await this.steps.close(order, null, { from: ['created'], expiredAt: now })) settled++
    }
    for (const order of await findDueConfirmations(this.deps.db, now, limit)) {
      const result = await this.release(order, null, undefined, now)
      if (result.status < 300) settled++
    }
    return settled
  }

  private async release(order: OrderRow, by: By, scope: IdempotencyScope | undefined, dueAt?: number) {
    return this.steps.moveMoney(by, order, {
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
}
