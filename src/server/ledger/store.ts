import { sql, type Selectable, type Transaction } from 'kysely'
import type { Db } from '../db/database.js'
import type { Tables } from '../db/tables.js'
import type { LedgerAccountsTable, LedgerTransfersTable } from './tables.js'
import type { AccountTotals, Transfer, TransferKind } from './types.js'

export type Executor = Db | Transaction<Tables>

/** Rows per multi-row statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

export function toTotals(row: Selectable<LedgerAccountsTable>): AccountTotals {
  return {
    id: row.id,
    mustNotOverdraw: Number(row.must_not_overdraw) === 1,
    debitsPosted: row.debits_posted,
    creditsPosted: row.credits_posted,
    debitsPending: row.debits_pending,
    creditsPending: row.credits_pending,
  }
}

export function toTransfer(row: Selectable<LedgerTransfersTable>): Transfer {
  return {
    id: row.id,
    kind: row.kind as TransferKind,
    debitAccountId: row.debit_account_id,
    creditAccountId: row.credit_account_id,
    amount: row.amount,
    pendingId: row.pending_id,
    code: row.code,
    timeoutAt: row.timeout_at,
    refType: row.ref_type,
    refId: row.ref_id,
    note: row.note,
    createdAt: row.created_at,
  }
}

/** Loads accounts; on PostgreSQL also locks them, always in id order so that concurrent batches cannot deadlock. */
export async function loadAccountsForUpdate(
  trx: Executor,
  ids: string[],
  lock: boolean,
): Promise<Map<string, AccountTotals>> {
  const accounts = new Map<string, AccountTotals>()
  for (const part of chunks([...ids].sort())) {
    let query = trx.selectFrom('ledger_accounts').selectAll().where('id', 'in', part).orderBy('id')
    if (lock) query = query.forUpdate()
    for (const row of await query.execute()) accounts.set(row.id, toTotals(row))
  }
  return accounts
}

export async function findTransfers(trx: Executor, ids: string[]): Promise<Map<string, Transfer>> {
  const found = new Map<string, Transfer>()
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom('ledger_transfers').selectAll().where('id', 'in', part).execute()
    for (const row of rows) found.set(row.id, toTransfer(row))
  }
  return found
}

/** How each of these pending transfers was settled, if it was. */
export async function findSettlements(trx: Executor, pendingIds: string[]): Promise<Map<string, 'post' | 'void'>> {
  const settled = new Map<string, 'post' | 'void'>()
  for (const part of chunks(pendingIds)) {
    const rows = await trx
      .selectFrom('ledger_transfers')
      .select(['pending_id', 'kind'])
      .where('pending_id', 'in', part)
      .execute()
    for (const row of rows) settled.set(row.pending_id!, row.kind as 'post' | 'void')
  }
  return settled
}

export async function insertTransfers(trx: Executor, transfers: Transfer[]): Promise<void> {
  for (const part of chunks(transfers)) {
    await trx
      .insertInto('ledger_transfers')
      .values(
        part.map((t) => ({
          id: t.id,
          debit_account_id: t.debitAccountId,
          credit_account_id: t.creditAccountId,
          amount: t.amount,
          kind: t.kind,
          pending_id: t.pendingId,
          code: t.code,
          timeout_at: t.timeoutAt,
          ref_type: t.refType,
          ref_id: t.refId,
          note: t.note,
          created_at: t.createdAt,
        })),
      )
      .execute()
  }
}

/** Writes the new totals of every touched account in one statement per chunk, however hot an account is. */
export async function writeTotals(trx: Executor, accounts: AccountTotals[]): Promise<void> {
  for (const part of chunks(accounts)) {
    const rows = sql.join(
      part.map(
        (a) =>
          sql`(${a.id}, cast(${a.debitsPosted} as bigint), cast(${a.creditsPosted} as bigint), cast(${a.debitsPending} as bigint), cast(${a.creditsPending} as bigint))`,
      ),
    )
    await sql`
      update ledger_accounts set
        debits_posted = t.dp, credits_posted = t.cp, debits_pending = t.dq, credits_pending = t.cq
      from (select column1 as id, column2 as dp, column3 as cp, column4 as dq, column5 as cq from (values ${rows}) as v) as t
      where ledger_accounts.id = t.id`.execute(trx)
  }
}

export async function insertAccount(
  db: Executor,
  account: { id: string; kind: string; userId: string | null; mustNotOverdraw: boolean; now: number },
): Promise<void> {
  await db
    .insertInto('ledger_accounts')
    .values({
      id: account.id,
      kind: account.kind,
      user_id: account.userId,
      must_not_overdraw: account.mustNotOverdraw ? 1 : 0,
      debits_posted: 0,
      credits_posted: 0,
      debits_pending: 0,
      credits_pending: 0,
      created_at: account.now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

export async function findAccount(db: Executor, id: string): Promise<AccountTotals | undefined> {
  const row = await db.selectFrom('ledger_accounts').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toTotals(row)
}

/** Pending transfers whose timeout has passed and that nobody settled: holds the sweeper voids. */
export async function findExpiredHolds(db: Executor, now: number, limit: number): Promise<Transfer[]> {
  const rows = await db
    .selectFrom('ledger_transfers as t')
    .leftJoin('ledger_transfers as s', 's.pending_id', 't.id')
    .selectAll('t')
    .where('t.kind', '=', 'pending')
    .where('t.timeout_at', '<=', now)
    .where('s.id', 'is', null)
    .orderBy('t.timeout_at')
    .limit(limit)
    .execute()
  return rows.map(toTransfer)
}
