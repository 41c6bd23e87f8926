import type { Transaction } from 'kysely'
import type { Tables } from '../db/tables.js'
import type {
  TopUpBody,
  TransactionsPage,
  TransferBody,
  WalletView,
  WithdrawBody,
  PageQuery,
} from '../../shared/api/wallet.js'
import type { PinService } from '../accounts/pin-service.js'
import type { RealNameService } from '../accounts/real-name-service.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { Db } from '../db/database.js'
import type { Events } from '../events/hub.js'
import { NotFoundError } from '../errors.js'
import { transferIdFor, type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { SYSTEM_ACCOUNTS, userIdOfWallet, walletAccountId } from '../ledger/accounts.js'
import type { LedgerService } from '../ledger/service.js'
import type { SocialService } from '../social/service.js'
import { decodeCursor, nextCursor } from '../db/keyset.js'
import { CannotPayYourselfError, RecipientNotVerifiedError } from './errors.js'
import type { FundingProvider } from './funding.js'
import { historyItem, refusal, respond, transactionView } from './outcome.js'
import { requireMayDealWith } from './social-rule.js'

export interface WalletDeps {
  db: Db
  ledger: LedgerService
  accounts: AccountsService
  realNames: RealNameService
  pins: PinService
  social: SocialService
  funding: FundingProvider
  events: Events
}

/** What a transfer made from somewhere else (a chat) adds: writes that commit with the money, and to the answer. */
export interface TransferExtra {
  effects: (trx: Transaction<Tables>, transferId: string) => Promise<void>
  body: () => Record<string, unknown>
}

/** The wallet: balance, top-up, withdrawal, transfers and history. Money moves only through the ledger. */
export class WalletService {
  constructor(private readonly deps: WalletDeps) {}

  async wallet(actor: Actor): Promise<WalletView> {
    await this.deps.realNames.requireVerified(actor.id)
    const { balance, available } = await this.deps.ledger.walletBalance(actor.id)
    return { balance, available, currency: 'CNY', sandbox: this.deps.funding.sandbox }
  }

  async topUp(actor: Actor, body: TopUpBody, scope: IdempotencyScope): Promise<StoredResponse> {
    await this.deps.realNames.requireVerified(actor.id)
    const id = transferIdFor(scope, 'topup')
    await this.deps.funding.collect({ reference: id, userId: actor.id, amount: body.amount })
    const wallet = walletAccountId(actor.id)
    const sandbox = this.deps.funding.sandbox
    const toResponse = (result: Parameters<typeof respond>[0]) =>
      respond(result, ([transfer]) => ({
        status: 201,
        body: { transaction: transactionView(transfer!, wallet, null, { sandbox }) },
      }))
    const result = await this.deps.ledger.submit({
      transfers: [
        {
          id,
          kind: 'single',
          debitAccountId: SYSTEM_ACCOUNTS.funding,
          creditAccountId: wallet,
          amount: body.amount,
          code: 'topup',
        },
      ],
      remember: { ...scope, response: toResponse },
    })
    return toResponse(result)
  }

  /**
   * A hold first, then the payout, then the hold is posted; a failed payout voids the hold, so the money is
   * never both gone from the wallet and not paid out.
   */
  async withdraw(actor: Actor, body: WithdrawBody, scope: IdempotencyScope): Promise<StoredResponse> {
    await this.deps.realNames.requireVerified(actor.id)
    await this.deps.pins.verify(actor.id, body.pin)
    const wallet = walletAccountId(actor.id)
    const holdId = transferIdFor(scope, 'withdrawal-hold')
    const sandbox = this.deps.funding.sandbox
    const hold = await this.deps.ledger.submit({
      transfers: [
        {
          id: holdId,
          kind: 'pending',
          debitAccountId: wallet,
          creditAccountId: SYSTEM_ACCOUNTS.funding,
          amount: body.amount,
          code: 'withdrawal',
        },
      ],
      // Only a refusal is final at this step; a successful hold is answered once the payout is known.
      remember: { ...scope, response: refusal },
    })
    const refused = refusal(hold)
    if (refused || 'error' in hold) return refused!
    const heldAt = hold.transfers[0]!.createdAt

    let paidOut = true
    try {
      await this.deps.funding.payOut({ reference: holdId, userId: actor.id, amount: body.amount })
    } catch {
      paidOut = false
    }
    const settleId = transferIdFor(scope, paidOut ? 'withdrawal-post' : 'withdrawal-void')
    const toResponse = (result: Parameters<typeof respond>[0]) =>
      respond(result, ([settlement]) => ({
        status: 201,
        body: {
          transaction: transactionView(
            { ...settlement!, id: holdId, kind: 'pending', createdAt: heldAt },
            wallet,
            null,
            {
              sandbox,
              status: paidOut ? 'completed' : 'voided',
            },
          ),
        },
      }))
    const settled = await this.deps.ledger.submit({
      transfers: [{ id: settleId, kind: paidOut ? 'post' : 'void', pendingId: holdId, code: 'withdrawal' }],
      remember: { ...scope, response: toResponse },
    })
    return toResponse(settled)
  }

  async transfer(
    actor: Actor,
    body: TransferBody,
    scope: IdempotencyScope,
    extra?: TransferExtra,
  ): Promise<StoredResponse> {
    if (body.toUserId === actor.id) throw new CannotPayYourselfError()
    await this.deps.realNames.requireVerified(actor.id)
    await this.deps.pins.verify(actor.id, body.pin)
    const recipient = (await this.deps.accounts.profiles([body.toUserId])).get(body.toUserId)
    if (!recipient) throw new NotFoundError()
    await requireMayDealWith(this.deps.social, actor.id, recipient.id)
    if (!(await this.deps.realNames.isVerified(recipient.id))) throw new RecipientNotVerifiedError()

    const wallet = walletAccountId(actor.id)
    const toResponse = (result: Parameters<typeof respond>[0]) =>
      respond(result, ([transfer]) => ({
        status: 201,
        body: { transaction: transactionView(transfer!, wallet, recipient), ...extra?.body() },
      }))
    const transferId = transferIdFor(scope, 'transfer')
    const result = await this.deps.ledger.submit({
      transfers: [
        {
          id: transferId,
          kind: 'single',
          debitAccountId: wallet,
          creditAccountId: walletAccountId(recipient.id),
          amount: body.amount,
          code: 'transfer',
          note: body.note?.trim() || undefined,
        },
      ],
      ...(extra ? { effects: (trx) => extra.effects(trx, transferId) } : {}),
      remember: { ...scope, response: toResponse },
    })
    return toResponse(result)
  }

  async transactions(actor: Actor, query: PageQuery): Promise<TransactionsPage> {
    await this.deps.realNames.requireVerified(actor.id)
    const limit = query.limit ?? 20
    const wallet = walletAccountId(actor.id)
    const rows = await this.deps.ledger.walletHistory(actor.id, limit + 1, decodeCursor(query.cursor))
    const page = rows.slice(0, limit)
    const others = page.map((row) =>
      userIdOfWallet(row.debit_account_id === wallet ? row.credit_account_id : row.debit_account_id),
    )
    const people = await this.deps.accounts.profiles(others.filter((id): id is string => id !== undefined))
    const sandbox = this.deps.funding.sandbox
    const items = page.map((row, i) => {
      const other = others[i]
      return historyItem(row, wallet, other ? (people.get(other) ?? null) : null, sandbox)
    })
    return { items, nextCursor: nextCursor(rows, limit, (row) => ({ createdAt: row.created_at, id: row.id })) }
  }
}
