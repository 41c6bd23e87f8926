import type { Transaction } from 'kysely'
import type { OrderView } from '../../shared/api/commerce.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { PinService } from '../accounts/pin-service.js'
import type { RealNameService } from '../accounts/real-name-service.js'
import type { Db } from '../db/database.js'
import type { Events } from '../events/hub.js'
import type { OrderEvent, OrderStep } from '../events/types.js'
import type { Tables } from '../db/tables.js'
import { NotFoundError } from '../errors.js'
import type { ProductCatalog } from '../feed/products.js'
import { type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import type { LedgerService } from '../ledger/service.js'
import type { TransferRequest } from '../ledger/types.js'
import type { CommandResult } from '../ledger/writer.js'
import type { MediaService } from '../media/service.js'
import type { SocialService } from '../social/service.js'
import { refusal } from '../wallet/outcome.js'
import { OrderStateInvalidError, PayRequestExpiredError } from './errors.js'
import { appendEvent, eventsOf, findOrder, transition, type Guard, type OrderChange, type OrderRow } from './store.js'
import { orderView, peopleIn, roleIn } from './view.js'

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
  events: Events
  clock: () => number
  rules: CommerceRules
}

/** Who did it: a person, or the scheduler (null). */
export type By = Actor | null

/** The steps every order action is made of: find, check, change under a guard, move money, answer. */
export class OrderSteps {
  constructor(readonly deps: CommerceDeps) {}

  async view(actor: Actor, id: string): Promise<OrderView> {
    return (await this.views(actor, [await this.find(id)]))[0]!
  }

  async close(order: OrderRow, by: By, guard: Guard): Promise<boolean> {
    const closed = await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock()
      if (!(await transition(trx, order.id, guard, { status: 'closed', expires_at: null, updated_at: now }))) {
        if (by) await this.refuse(order.id, 'cancel', trx)
        return false
      }
      await this.deps.products.giveBack(trx, order.post_id, order.quantity)
      await appendEvent(trx, { order_id: order.id, event: 'closed', actor_id: by?.id ?? null, at: now })
      return true
    })
    if (closed) this.emit('closed', by, order)
    return closed
  }

  /** A state change that moves no money. */
  async change(
    actor: Actor,
    order: OrderRow,
    action: string,
    guard: Guard,
    event: OrderStep,
    change: OrderChange,
  ): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock()
      if (!(await transition(trx, order.id, guard, { ...change, updated_at: now }))) {
        await this.refuse(order.id, action, trx)
      }
      await appendEvent(trx, { order_id: order.id, event, actor_id: actor.id, at: now })
    })
    this.emit(event, actor, { ...order, ...change })
  }

  /**
   * A state change that moves money: the guarded update and the event commit in the ledger's own transaction with
   * the transfers, or neither happens. The answer is remembered under the idempotency key in that transaction too.
   */
  async moveMoney(
    by: By,
    order: OrderRow,
    step: {
      transfers: TransferRequest[]
      guard: Guard
      change: OrderChange
      event: OrderStep
      action: string
      scope: IdempotencyScope | undefined
      status: number
      effects?: ((trx: Transaction<Tables>) => Promise<void>) | undefined
    },
  ): Promise<StoredResponse> {
    const now = this.deps.clock()
    const after = { ...order, ...step.change }
    // Everything the answer shows is read before the money moves, so that the remembered answer is complete.
    // The scheduler has no key and no one to answer; its answer is written as the buyer's, and thrown away.
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
    if (!refusal(result)) this.emit(step.event, by, after)
    return toResponse(result)
  }

  /** Tells whoever listens (notifications) that a step was taken; call only once it has committed. */
  emit(step: OrderStep, by: By, order: OrderRow): void {
    const facts: OrderEvent['order'] = {
      id: order.id,
      buyerId: order.buyer_id,
      sellerId: order.seller_id,
      payerId: order.payer_id,
      payFriendId: order.pay_friend_id,
      title: order.title,
      quantity: order.quantity,
      total: order.total,
    }
    this.deps.events.emit({ type: 'order.step', step, actorId: by?.id ?? null, order: facts })
  }

  /** Throws the error that says why a guarded change did not apply, from the order as it is now. */
  async refuse(id: string, action: string, db: Db | Transaction<Tables> = this.deps.db): Promise<never> {
    const order = await findOrder(db, id)
    const status = order?.status ?? 'closed'
    const open = status === 'created' && (order?.expires_at ?? 0) > this.deps.clock()
    // Still open, so the guard that failed was the friend's: their request expired or went to someone else.
    if (open && action === 'pay') throw new PayRequestExpiredError()
    throw new OrderStateInvalidError(status === 'created' && !open ? 'closed' : status, action)
  }

  async find(id: string): Promise<OrderRow> {
    const order = await findOrder(this.deps.db, id)
    if (!order) throw new NotFoundError()
    return order
  }

  async views(actor: Actor, orders: OrderRow[]): Promise<OrderView[]> {
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
