import type { Category } from '../../shared/api/wallet.js'

export type { Category }

export type TransferKind = 'single' | 'pending' | 'post' | 'void'

/** One transfer as a caller asks for it. Ids are chosen by the caller, so a retry is recognised. */
export interface TransferRequest {
  id: string
  kind: TransferKind
  /** For single and pending; post and void take them from the pending transfer. */
  debitAccountId?: string
  creditAccountId?: string
  /** single, pending: the amount; post: at most the pending amount (omit for all of it); void: omitted. */
  amount?: number
  /** post and void: the pending transfer they settle. */
  pendingId?: string
  code: Category
  timeoutAt?: number
  refType?: string
  refId?: string
  note?: string
}

/** A transfer as stored: immutable. */
export interface Transfer {
  id: string
  kind: TransferKind
  debitAccountId: string
  creditAccountId: string
  amount: number
  pendingId: string | null
  code: string
  timeoutAt: number | null
  refType: string | null
  refId: string | null
  note: string | null
  createdAt: number
}

export interface AccountTotals {
  id: string
  mustNotOverdraw: boolean
  debitsPosted: number
  creditsPosted: number
  debitsPending: number
  creditsPending: number
}

/**
 * Precise outcomes, after TigerBeetle's result codes. `ok` and `exists` (the very same transfer was
 * already applied: a retry) both mean the money moved exactly once.
 */
export type TransferResult =
  | 'ok'
  | 'exists'
  | 'exists_with_different_fields'
  | 'linked_event_failed'
  | 'account_not_found'
  | 'accounts_must_be_different'
  | 'amount_must_be_positive'
  | 'amount_too_large'
  | 'exceeds_credits'
  | 'pending_transfer_not_found'
  | 'pending_transfer_not_pending'
  | 'pending_transfer_already_posted'
  | 'pending_transfer_already_voided'
  | 'pending_transfer_expired'
  | 'exceeds_pending_amount'

export function succeeded(result: TransferResult): boolean {
  return result === 'ok' || result === 'exists'
}

/** 2^53 − 1 fen would be ¥90 trillion: a bound no real amount reaches, keeping every total a safe integer. */
export const AMOUNT_MAX = 1_000_000_000_000
