import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { olderThan, type Cursor } from '../db/keyset.js'

export interface HistoryRow {
  id: string
  kind: string
  code: string
  amount: number
  debit_account_id: string
  credit_account_id: string
  note: string | null
  created_at: number
  /** For a pending transfer: how it was settled (post or void) and for how much; null while pending. */
  settled_kind: string | null
  settled_amount: number | null
}

/**
 * One wallet's money movements, newest first, by keyset. Settlements (post/void) are not rows of their own:
 * they complete the pending transfer they settle.
 */
export async function listWalletTransfers(
  db: Db,
  accountId: string,
  limit: number,
  before: Cursor | undefined,
): Promise<HistoryRow[]> {
  const { rows } = await sql<HistoryRow>`
    select t.id, t.kind, t.code, t.amount, t.debit_account_id, t.credit_account_id, t.note, t.created_at,
      s.kind as settled_kind, s.amount as settled_amount
    from ledger_transfers t
    left join ledger_transfers s on s.pending_id = t.id
    where (t.debit_account_id = ${accountId} or t.credit_account_id = ${accountId})
      and t.kind in ('single', 'pending')
      ${before ? sql`and ${olderThan(before, { time: 't.created_at', id: 't.id' })}` : sql``}
    order by t.created_at desc, t.id desc
    limit ${limit}`.execute(db)
  return rows.map((row) => ({
    ...row,
    amount: Number(row.amount),
    created_at: Number(row.created_at),
    settled_amount: row.settled_amount === null ? null : Number(row.settled_amount),
  }))
}

export interface FlowRow {
  code: string
  amount: number
  created_at: number
  incoming: number
}

/** Money that settled into or out of a wallet in [from, to): what an annual bill adds up. */
export async function listSettledFlows(db: Db, accountId: string, from: number, to: number): Promise<FlowRow[]> {
  const { rows } = await sql<FlowRow>`
    select t.code, t.amount, t.created_at, case when t.credit_account_id = ${accountId} then 1 else 0 end as incoming
    from ledger_transfers t
    where (t.debit_account_id = ${accountId} or t.credit_account_id = ${accountId})
      and t.kind in ('single', 'post') and t.created_at >= ${from} and t.created_at < ${to}`.execute(db)
  return rows.map((row) => ({
    ...row,
    amount: Number(row.amount),
    created_at: Number(row.created_at),
    incoming: Number(row.incoming),
  }))
}

/** Each wallet's money out in [from, to), for the opt-in spending percentile. */
export async function listWalletSpending(db: Db, from: number, to: number): Promise<Map<string, number>> {
  const { rows } = await sql<{ account_id: string; spent: number }>`
    select t.debit_account_id as account_id, sum(t.amount) as spent
    from ledger_transfers t
    join ledger_accounts a on a.id = t.debit_account_id and a.kind = 'wallet'
    where t.kind in ('single', 'post') and t.created_at >= ${from} and t.created_at < ${to}
    group by t.debit_account_id`.execute(db)
  return new Map(rows.map((row) => [row.account_id, Number(row.spent)]))
}

export async function countWallets(db: Db): Promise<number> {
  const row = await db
    .selectFrom('ledger_accounts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('kind', '=', 'wallet')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface RefTransfer {
  refId: string
  /** The paying wallet's owner; null for a system account. */
  payerId: string | null
  amount: number
  createdAt: number
}

/** Settled single transfers made for these domain objects (e.g. tips on posts), newest first. */
export async function listTransfersByRef(
  db: Db,
  refType: string,
  refIds: string[],
  code: string,
): Promise<RefTransfer[]> {
  if (refIds.length === 0) return []
  const rows = await db
    .selectFrom('ledger_transfers as t')
    .innerJoin('ledger_accounts as a', 'a.id', 't.debit_account_id')
    .select(['t.ref_id', 'a.user_id', 't.amount', 't.created_at'])
    .where('t.ref_type', '=', refType)
    .where('t.ref_id', 'in', refIds)
    .where('t.code', '=', code)
    .where('t.kind', '=', 'single')
    .orderBy('t.created_at', 'desc')
    .execute()
  return rows.map((row) => ({
    refId: row.ref_id ?? '',
    payerId: row.user_id,
    amount: row.amount,
    createdAt: row.created_at,
  }))
}
