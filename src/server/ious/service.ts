import { monotonicFactory } from 'ulid'
import type { CreateIouBody, IousPage, IousQuery, IouRules, IouView } from '../../shared/api/ious.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import { RealNameRequiredError } from '../accounts/errors.js'
import type { PinService } from '../accounts/pin-service.js'
import type { RealNameService } from '../accounts/real-name-service.js'
import { announceCard, postCard } from '../chat/cards.js'
import type { ChatService } from '../chat/service.js'
import type { Db } from '../db/database.js'
import type { Events } from '../events/hub.js'
import { decodeCursor, nextCursor } from '../db/keyset.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import { transferIdFor, type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { walletAccountId } from '../ledger/accounts.js'
import type { LedgerService } from '../ledger/service.js'
import type { Push } from '../realtime/push.js'
import type { SocialService } from '../social/service.js'
import { refusal } from '../wallet/outcome.js'
import { chinaDay, dayOfDate } from './days.js'
import {
  CannotBorrowFromYourselfError,
  IouDueDatePassedError,
  IouStateInvalidError,
  LenderNotFriendError,
  RateAboveLegalCapError,
  RepaymentExceedsOutstandingError,
} from './errors.js'
import { iouEvent } from './events.js'
import { owedOn, repay } from './interest.js'
import {
  findIou,
  insertIou,
  insertReminders,
  listIous,
  lockIou,
  recordRepayment,
  remindersOf,
  repaymentsOf,
  settleRequest,
  type IouRow,
} from './store.js'
import { balanceOf, iouView, planReminders, statusOf } from './view.js'

const newId = monotonicFactory()
/** The longest loan one may write: ten years. */
const TERM_MAX_DAYS = 3660

export interface IouDeps {
  db: Db
  ledger: LedgerService
  accounts: AccountsService
  realNames: RealNameService
  pins: PinService
  social: SocialService
  chat: ChatService
  push: Push
  events: Events
  clock: () => number
  /** The legal cap on the annual rate, in basis points. */
  rateCapBasisPoints: number
}

/**
 * 借條 between friends. The borrower writes it; the lender accepts with the PIN (lending the money, wallet to wallet)
 * or declines; the borrower repays, in parts or at once, interest first. Only the two of them see it.
 */
export class IouService {
  constructor(private readonly deps: IouDeps) {}

  async create(actor: Actor, body: CreateIouBody): Promise<IouView> {
    if (body.lenderId === actor.id) throw new CannotBorrowFromYourselfError()
    const rateBp = Math.round(body.annualRatePercent * 100)
    if (Math.abs(rateBp - body.annualRatePercent * 100) > 1e-6) throw new ValidationError('annualRatePercent')
    if (rateBp > this.deps.rateCapBasisPoints) throw new RateAboveLegalCapError(this.deps.rateCapBasisPoints / 100)
    const now = this.deps.clock()
    const today = chinaDay(now)
    const dueDay = dayOfDate(body.dueDate)
    if (dueDay === undefined || dueDay <= today || dueDay > today + TERM_MAX_DAYS) throw new ValidationError('dueDate')
    await this.deps.realNames.requireVerified(actor.id)
    const { social } = this.deps
    const friends =
      (await social.areFriends(actor.id, body.lenderId)) && !(await social.isBlockedEitherWay(actor.id, body.lenderId))
    if (!friends) throw new LenderNotFriendError()
    if (!(await this.deps.realNames.isVerified(body.lenderId))) throw new RealNameRequiredError()

    const { conversation } = await this.deps.chat.openDirect(actor, body.lenderId)
    const membership = await this.deps.chat.membership(actor, conversation.id)
    const iou: IouRow = {
      id: newId(),
      borrower_id: actor.id,
      lender_id: body.lenderId,
      conversation_id: conversation.id,
      principal: body.amount,
      rate_bp: rateBp,
      due_date: body.dueDate,
      due_day: dueDay,
      purpose: body.purpose?.trim() ?? '',
      status: 'requested',
      principal_outstanding: body.amount,
      interest_units: 0,
      accrued_day: null,
      interest_paid: 0,
      version: 0,
      created_at: now,
      accepted_at: null,
      settled_at: null,
    }
    const message = await this.deps.db.transaction().execute(async (trx) => {
      await insertIou(trx, iou)
      return postCard(
        trx,
        membership,
        actor.id,
        { type: 'iou', refId: iou.id, text: iou.purpose, amount: iou.principal },
        now,
      )
    })
    await announceCard(this.deps.chat, this.deps.push, message, membership.memberIds)
    this.deps.events.emit(iouEvent('iou.requested', iou, iou.principal, 0))
    return this.view(iou)
  }

  /** The lender lends: the money moves lender → borrower and the IOU becomes active, in one transaction. */
  async accept(actor: Actor, id: string, pin: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const iou = await this.findFor(actor, id)
    if (iou.lender_id !== actor.id) throw new ForbiddenError()
    await this.deps.realNames.requireVerified(actor.id)
    await this.deps.pins.verify(actor.id, pin)
    if (iou.status !== 'requested') throw new IouStateInvalidError(statusOf(iou, chinaDay(this.deps.clock())))
    const now = this.deps.clock()
    const today = chinaDay(now)
    if (today >= iou.due_day) throw new IouDueDatePassedError()

    const reminders = planReminders(iou.id, iou.due_day, now)
    const after: IouRow = { ...iou, status: 'active', accepted_at: now, accrued_day: today }
    const people = await this.people([after])
    const toResponse = (result: Parameters<typeof refusal>[0]): StoredResponse =>
      refusal(result) ?? {
        status: 200,
        body: iouView(after, { people, repayments: [], reminders, today, now }),
      }
    const result = await this.deps.ledger.submit({
      transfers: [
        {
          // One loan per IOU, whatever the key: a second acceptance names the same transfer.
          id: `iou-loan:${iou.id}`,
          kind: 'single',
          debitAccountId: walletAccountId(iou.lender_id),
          creditAccountId: walletAccountId(iou.borrower_id),
          amount: iou.principal,
          code: 'iou_loan',
          refType: 'iou',
          refId: iou.id,
          ...(iou.purpose ? { note: iou.purpose } : {}),
        },
      ],
      effects: async (trx) => {
        if (!(await settleRequest(trx, iou.id, { status: 'active', accepted_at: now, accrued_day: today }))) {
          throw new IouStateInvalidError((await findIou(trx, iou.id))!.status)
        }
        await insertReminders(trx, reminders)
      },
      remember: { ...scope, response: toResponse },
    })
    const response = toResponse(result)
    if (response.status === 200) {
      this.deps.events.emit(iouEvent('iou.accepted', iou, iou.principal, iou.principal))
      await this.announce(iou, 'active')
    }
    return response
  }

  async decline(actor: Actor, id: string): Promise<IouView> {
    const iou = await this.findFor(actor, id)
    if (iou.lender_id !== actor.id) throw new ForbiddenError()
    if (iou.status !== 'declined') {
      const now = this.deps.clock()
      if (!(await settleRequest(this.deps.db, iou.id, { status: 'declined', settled_at: now }))) {
        const current = (await findIou(this.deps.db, iou.id))!
        if (current.status !== 'declined') throw new IouStateInvalidError(statusOf(current, chinaDay(now)))
      } else {
        this.deps.events.emit(iouEvent('iou.declined', iou, iou.principal, 0))
        await this.announce(iou, 'declined')
      }
    }
    return this.view((await findIou(this.deps.db, iou.id))!)
  }

  /** The borrower repays, interest first; the IOU is repaid when nothing is left. */
  async repay(actor: Actor, id: string, amount: number, pin: string, scope: IdempotencyScope) {
    const iou = await this.findFor(actor, id)
    if (iou.borrower_id !== actor.id) throw new ForbiddenError()
    await this.deps.realNames.requireVerified(actor.id)
    await this.deps.pins.verify(actor.id, pin)
    const today = chinaDay(this.deps.clock())
    if (iou.status !== 'active') throw new IouStateInvalidError(statusOf(iou, today))

    const transferId = transferIdFor(scope, 'iou-repayment')
    let outcome = { outstanding: 0, status: 'active', interest: 0, principal: 0 }
    const toResponse = (result: Parameters<typeof refusal>[0]): StoredResponse =>
      refusal(result) ?? {
        status: 200,
        body: { ...outcome, currency: 'CNY', amount, transactionId: transferId },
      }
    const result = await this.deps.ledger.submit({
      transfers: [
        {
          id: transferId,
          kind: 'single',
          debitAccountId: walletAccountId(iou.borrower_id),
          creditAccountId: walletAccountId(iou.lender_id),
          amount,
          code: 'iou_repayment',
          refType: 'iou',
          refId: iou.id,
        },
      ],
      // The balance is read and written under the row's lock in the money's transaction: racing repayments see
      // each other, and one that would pay more than is owed moves nothing.
      effects: async (trx) => {
        const now = this.deps.clock()
        const day = chinaDay(now)
        const row = (await lockIou(trx, iou.id))!
        if (row.status !== 'active') throw new IouStateInvalidError(statusOf(row, day))
        const balance = balanceOf(row, day)
        const paid = repay(balance, amount, day)
        if (!paid) throw new RepaymentExceedsOutstandingError(owedOn(balance, day).total)
        const outstanding = owedOn(paid.after, day).total
        const repaid = outstanding === 0
        await recordRepayment(
          trx,
          {
            id: newId(),
            iou_id: iou.id,
            transfer_id: transferId,
            amount,
            interest: paid.interest,
            principal: paid.principal,
            outstanding_after: outstanding,
            created_at: now,
          },
          {
            principal_outstanding: paid.after.principal,
            interest_units: paid.after.interestUnits,
            accrued_day: paid.after.accruedDay,
          },
          repaid,
        )
        outcome = {
          outstanding,
          status: repaid ? 'repaid' : statusOf(row, day),
          interest: paid.interest,
          principal: paid.principal,
        }
      },
      remember: { ...scope, response: toResponse },
    })
    const response = toResponse(result)
    if (response.status === 200) {
      const kind = outcome.status === 'repaid' ? 'iou.repaid' : 'iou.repayment'
      this.deps.events.emit(iouEvent(kind, iou, amount, outcome.outstanding))
      await this.announce(iou, outcome.status)
    }
    return response
  }

  /** What a borrower must know before writing one: the legal cap on the rate. */
  rules(): IouRules {
    return { annualRateCapPercent: this.deps.rateCapBasisPoints / 100 }
  }

  async get(actor: Actor, id: string): Promise<IouView> {
    return this.view(await this.findFor(actor, id))
  }

  async list(actor: Actor, query: IousQuery): Promise<IousPage> {
    const limit = query.limit ?? 20
    const rows = await listIous(this.deps.db, actor.id, query.role, limit + 1, decodeCursor(query.cursor))
    const page = rows.slice(0, limit)
    return {
      items: await this.views(page),
      nextCursor: nextCursor(rows, limit, (row) => ({ createdAt: row.created_at, id: row.id })),
    }
  }

  /** Only borrower and lender may know an IOU exists. */
  private async findFor(actor: Actor, id: string): Promise<IouRow> {
    const iou = await findIou(this.deps.db, id)
    if (!iou || (iou.borrower_id !== actor.id && iou.lender_id !== actor.id)) throw new NotFoundError()
    return iou
  }

  private async announce(iou: IouRow, status: string): Promise<void> {
    await this.deps.push.toUsers([iou.borrower_id, iou.lender_id], {
      type: 'iou.updated',
      data: { iouId: iou.id, conversationId: iou.conversation_id, status },
    })
  }

  private people(rows: IouRow[]) {
    return this.deps.accounts.profiles(rows.flatMap((r) => [r.borrower_id, r.lender_id]))
  }

  private async view(row: IouRow): Promise<IouView> {
    return (await this.views([row]))[0]!
  }

  private async views(rows: IouRow[]): Promise<IouView[]> {
    const ids = rows.map((r) => r.id)
    const [people, repayments, reminders] = await Promise.all([
      this.people(rows),
      repaymentsOf(this.deps.db, ids),
      remindersOf(this.deps.db, ids),
    ])
    const now = this.deps.clock()
    const today = chinaDay(now)
    return rows.map((row) =>
      iouView(row, {
        people,
        repayments: repayments.filter((r) => r.iou_id === row.id),
        reminders: reminders.filter((r) => r.iou_id === row.id),
        today,
        now,
      }),
    )
  }
}
