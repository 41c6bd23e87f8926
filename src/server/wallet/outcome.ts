import type { Person, TransactionView } from '../../shared/api/wallet.js'
import type { DomainError } from '../errors.js'
import { IdempotencyKeyReusedError } from '../idempotency/errors.js'
import { errorResponse, type StoredResponse } from '../idempotency/service.js'
import { succeeded, type Transfer, type TransferResult } from '../ledger/types.js'
import type { CommandResult } from '../ledger/writer.js'
import { InsufficientFundsError, LedgerRefusedError, RecipientNotVerifiedError } from './errors.js'

/**
 * One mapping from a ledger outcome to the HTTP answer, used both for the live response and for the one
 * remembered under the idempotency key, so that a replay is byte-for-byte the first answer.
 */
export function respond(result: CommandResult, onSuccess: (transfers: Transfer[]) => StoredResponse): StoredResponse {
  if ('error' in result) return errorResponse(result.error)
  const failure = result.results.find((r) => !succeeded(r))
  return failure ? errorResponse(errorForResult(failure)) : onSuccess(result.transfers)
}

export function errorForResult(result: TransferResult): DomainError {
  switch (result) {
    case 'exceeds_credits':
      return new InsufficientFundsError()
    case 'exists_with_different_fields':
      return new IdempotencyKeyReusedError()
    case 'account_not_found':
      return new RecipientNotVerifiedError()
    default:
      return new LedgerRefusedError({ reason: result })
  }
}

/** A transfer as one wallet owner sees it: signed, with the other party. */
export function transactionView(
  transfer: Transfer,
  walletAccountId: string,
  counterparty: Person | null,
  options: { sandbox?: boolean; status?: TransactionView['status']; amount?: number } = {},
): TransactionView {
  const outgoing = transfer.debitAccountId === walletAccountId
  const amount = options.amount ?? transfer.amount
  return {
    id: transfer.id,
    category: transfer.code as TransactionView['category'],
    amount: outgoing ? -amount : amount,
    currency: 'CNY',
    counterparty,
    note: transfer.note,
    status: options.status ?? (transfer.kind === 'pending' ? 'pending' : 'completed'),
    createdAt: new Date(transfer.createdAt).toISOString(),
    ...(options.sandbox ? { sandbox: true } : {}),
  }
}
