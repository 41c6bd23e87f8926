/**
 * TigerBeetle's data model in SQL: accounts carry four running totals, transfers are immutable. A balance is
 * never stored on its own; it is credits_posted − debits_posted, and `lifecircle audit` re-derives every
 * total from the transfers.
 */
export interface LedgerAccountsTable {
  id: string
  /** `wallet` for a user's CNY wallet; `system` for funding, escrow, red-packet holding, collections, fees. */
  kind: string
  user_id: string | null
  /** 1: debits may never exceed credits (no wallet below zero). Only the funding account, the outside world, may. */
  must_not_overdraw: number
  debits_posted: number
  credits_posted: number
  debits_pending: number
  credits_pending: number
  created_at: number
}

export interface LedgerTransfersTable {
  id: string
  debit_account_id: string
  credit_account_id: string
  amount: number
  /** `single` moves money; `pending` holds it; `post` and `void` settle a pending transfer named by pending_id. */
  kind: string
  pending_id: string | null
  /** Why the money moved: a transaction category of the API (transfer, topup, order…). */
  code: string
  /** For a pending transfer: when it may no longer be posted (the scheduler voids it). */
  timeout_at: number | null
  /** The domain object this belongs to, e.g. `payment_request` + its id. */
  ref_type: string | null
  ref_id: string | null
  note: string | null
  created_at: number
}

export interface LedgerTables {
  ledger_accounts: LedgerAccountsTable
  ledger_transfers: LedgerTransfersTable
}
