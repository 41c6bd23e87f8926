import type { Person, TransactionView } from '../../shared/api/wallet.js'
import type { DomainError } from '../errors.js'
import { IdempotencyKeyReusedError } from '../idempotency/errors.js'
import { errorResponse, type StoredResponse } from '../idempotency/service.js'
import { succeeded, type Transfer, type TransferResult } from '../ledger/types.js'
import type { CommandResult } from '../ledger/writer.js'
import { InsufficientFundsError, LedgerRefusedError, RecipientNotVerifiedError } from './errors.js'
import type { HistoryRow } from '../ledger/history-store.js'

/**
 * One mapping from a ledger outcome to the HTTP answer, used both for the live response and for the one
 * remembered under the idempotency key, so that a replay is byte-for-byte the first answer.
 */
export function respond(result: CommandResult, onSuccess: (transfers: Transfer[]) => StoredResponse): StoredResponse {
  return refusal(result) ?? onSuccess((result as { transfers: Transfer[] }).transfers)
}

/** The error answer for a refused command; undefined when the command succeeded. */
export function refusal(result: CommandResult): StoredResponse | undefined {
  if ('error' in result) return errorResponse(result.error)
  const failure = result.results.find((r) => !succeeded(r))
  return failure ? errorResponse(errorForResult(failure)) : undefined
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

type TransferFacts = Pick<Transfer, 'id' | 'kind' | 'code' | 'amount' | 'debitAccountId' | 'note' | 'createdAt'>

/** A transfer as one wallet owner sees it: signed, with the other party. */
export function transactionView(
  transfer: TransferFacts,
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
    counterparty: counterparty && { id: counterparty.id, displayName: counterparty.displayName },
    note: transfer.note,
    status: options.status ?? (transfer.kind === 'pending' ? 'pending' : 'completed'),
    createdAt: new Date(transfer.createdAt).toISOString(),
    ...(options.sandbox ? { sandbox: true } : {}),
  }
}

/** A history row: a settled hold shows as completed (with the posted amount) or voided. */
export function historyItem(
  row: HistoryRow,
  walletAccountId: string,
  counterparty: Person | null,
  sandbox: boolean,
): TransactionView {
  const status =
    row.settled_kind === 'void' ? 'voided' : row.kind === 'pending' && !row.settled_kind ? 'pending' : 'completed'
  return transactionView(
    {
      id: row.id,
      kind: row.kind as Transfer['kind'],
      code: row.code,
      amount: row.settled_kind === 'post' ? (row.settled_amount ?? row.amount) : row.amount,
      debitAccountId: row.debit_account_id,
      note: row.note,
      createdAt: row.created_at,
    },
    walletAccountId,
    counterparty,
    { status, sandbox: sandbox && (row.code === 'topup' || row.code === 'withdrawal') },
  )
}
