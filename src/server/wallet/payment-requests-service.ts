import { monotonicFactory } from 'ulid'
import type { PersonView } from '../../shared/api/social.js'
import type { PaymentRequestBody, PaymentRequestsQuery, PaymentRequestView } from '../../shared/api/wallet.js'
import type { Actor } from '../accounts/service.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { transferIdFor, type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { walletAccountId } from '../ledger/accounts.js'
import { decodeCursor, nextCursor } from '../db/keyset.js'
import {
  AlreadyPaidError,
  CannotRequestFromYourselfError,
  RecipientNotVerifiedError,
  RequestDeclinedError,
} from './errors.js'
import { Throttle } from '../limits/throttle.js'
import { refusal, respond, transactionView } from './outcome.js'
import {
  findPaymentRequest,
  insertPaymentRequest,
  listPaymentRequests,
  settlePaymentRequest,
  type PaymentRequestRow,
} from './payment-requests-store.js'
import type { WalletDeps } from './service.js'
import { requireMayDealWith } from './social-rule.js'
import type { PaymentRequestEvent } from '../events/types.js'

const newId = monotonicFactory()

/** Product rules (never switched off): how many requests one person may send. */
export interface PaymentRequestRules {
  perHour: number
  /** To one and the same payer, per 24 hours. */
  perPayerPerDay: number
}

/** 收錢 / 交錢: ask someone for money; they pay it (with their PIN) or decline. */
export class PaymentRequestsService {
  private readonly sent: Throttle
  private readonly sentToPayer: Throttle

  constructor(
    private readonly deps: WalletDeps,
    private readonly clock: () => number,
    rules: PaymentRequestRules,
  ) {
    // Each request notifies the payer: without a cap anyone could bury someone in them.
    this.sent = new Throttle(deps.db, { name: 'payment-requests', limit: rules.perHour, windowMs: 3600_000 }, clock)
    this.sentToPayer = new Throttle(
      deps.db,
      { name: 'payment-requests-to', limit: rules.perPayerPerDay, windowMs: 24 * 3600_000 },
      clock,
    )
  }

  async create(actor: Actor, body: PaymentRequestBody): Promise<PaymentRequestView> {
    if (body.fromUserId === actor.id) throw new CannotRequestFromYourselfError()
    await this.deps.realNames.requireVerified(actor.id)
    const people = await this.deps.accounts.profiles([actor.id, body.fromUserId])
    if (!people.has(body.fromUserId)) throw new NotFoundError()
    await requireMayDealWith(this.deps.social, actor.id, body.fromUserId)
    await this.sent.consume(actor.id)
    await this.sentToPayer.consume(`${actor.id}:${body.fromUserId}`)
    const row: PaymentRequestRow = {
      id: newId(),
      requester_id: actor.id,
      payer_id: body.fromUserId,
      amount: body.amount,
      note: body.note?.trim() || null,
      status: 'open',
      transfer_id: null,
      created_at: this.clock(),
      settled_at: null,
    }
    await insertPaymentRequest(this.deps.db, row)
    this.deps.events.emit(eventOf('payment_request.created', row))
    return toView(row, people)
  }

  async list(actor: Actor, query: PaymentRequestsQuery) {
    await this.deps.realNames.requireVerified(actor.id)
    const limit = query.limit ?? 20
    const column = query.direction === 'incoming' ? 'payer_id' : 'requester_id'
    const rows = await listPaymentRequests(
      this.deps.db,
      { column, userId: actor.id },
      limit + 1,
      decodeCursor(query.cursor),
    )
    const page = rows.slice(0, limit)
    const people = await this.deps.accounts.profiles(page.flatMap((r) => [r.requester_id, r.payer_id]))
    return {
      items: page.map((row) => toView(row, people)),
      nextCursor: nextCursor(rows, limit, (row) => ({ createdAt: row.created_at, id: row.id })),
    }
  }

  async pay(actor: Actor, id: string, pin: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const request = await this.findFor(actor, id)
    if (request.payer_id !== actor.id) throw new ForbiddenError()
    await this.deps.realNames.requireVerified(actor.id)
    await this.deps.pins.verify(actor.id, pin)
    assertOpen(request)
    await requireMayDealWith(this.deps.social, actor.id, request.requester_id)
    if (!(await this.deps.realNames.isVerified(request.requester_id))) throw new RecipientNotVerifiedError()

    const requester = (await this.deps.accounts.profiles([request.requester_id])).get(request.requester_id) ?? null
    const wallet = walletAccountId(actor.id)
    const transferId = transferIdFor(scope, 'payment-request')
    const toResponse = (result: Parameters<typeof respond>[0]) =>
      respond(result, ([transfer]) => ({
        status: 200,
        body: { status: 'paid', transaction: transactionView(transfer!, wallet, requester) },
      }))
    const result = await this.deps.ledger.submit({
      transfers: [
        {
          id: transferId,
          kind: 'single',
          debitAccountId: wallet,
          creditAccountId: walletAccountId(request.requester_id),
          amount: request.amount,
          code: 'request',
          note: request.note ?? undefined,
          refType: 'payment_request',
          refId: request.id,
        },
      ],
      // Marked paid in the same transaction as the money: two payers racing cannot both pay.
      effects: async (trx) => {
        const settled = await settlePaymentRequest(trx, request.id, {
          status: 'paid',
          transfer_id: transferId,
          settled_at: this.clock(),
        })
        if (!settled) assertOpen((await findPaymentRequest(trx, request.id))!)
      },
      remember: { ...scope, response: toResponse },
    })
    if (!refusal(result)) this.deps.events.emit(eventOf('payment_request.paid', request))
    return toResponse(result)
  }

  async decline(actor: Actor, id: string): Promise<{ status: 'declined' }> {
    const request = await this.findFor(actor, id)
    if (request.payer_id !== actor.id) throw new ForbiddenError()
    if (request.status === 'declined') return { status: 'declined' }
    assertOpen(request)
    const declined = await settlePaymentRequest(this.deps.db, id, {
      status: 'declined',
      transfer_id: null,
      settled_at: this.clock(),
    })
    if (!declined) {
      const now = (await findPaymentRequest(this.deps.db, id))!
      if (now.status !== 'declined') assertOpen(now)
    } else {
      this.deps.events.emit(eventOf('payment_request.declined', request))
    }
    return { status: 'declined' }
  }

  /** Only its two parties may know a request exists. */
  private async findFor(actor: Actor, id: string): Promise<PaymentRequestRow> {
    const request = await findPaymentRequest(this.deps.db, id)
    if (!request || (request.payer_id !== actor.id && request.requester_id !== actor.id)) throw new NotFoundError()
    return request
  }
}

function assertOpen(request: PaymentRequestRow): void {
  if (request.status === 'paid') throw new AlreadyPaidError()
  if (request.status === 'declined') throw new RequestDeclinedError()
}

function toView(row: PaymentRequestRow, people: Map<string, PersonView>): PaymentRequestView {
  const person = (id: string) => people.get(id) ?? { id, displayName: '', maskedName: null, avatarUrl: null }
  return {
    id: row.id,
    status: row.status as PaymentRequestView['status'],
    amount: row.amount,
    currency: 'CNY',
    note: row.note,
    requester: person(row.requester_id),
    payer: person(row.payer_id),
    createdAt: new Date(row.created_at).toISOString(),
    settledAt: row.settled_at === null ? null : new Date(row.settled_at).toISOString(),
  }
}

function eventOf(type: PaymentRequestEvent['type'], row: PaymentRequestRow): PaymentRequestEvent {
  const { id: requestId, requester_id: requesterId, payer_id: payerId, amount, note } = row
  return { type, requestId, requesterId, payerId, amount, note }
}
