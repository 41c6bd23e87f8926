import type SQLite from 'better-sqlite3'
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

/** What the batch writer reads and writes inside its transaction. */
export interface BatchStore {
  /** Accounts by id; on PostgreSQL also locked, in id order. */
  loadAccounts(ids: string[]): Promise<Map<string, AccountTotals>>
  findTransfers(ids: string[]): Promise<Map<string, Transfer>>
  findSettlements(pendingIds: string[]): Promise<Map<string, 'post' | 'void'>>
  insertTransfers(transfers: Transfer[]): Promise<void>
  writeTotals(accounts: AccountTotals[]): Promise<void>
}

/** PostgreSQL: one multi-row statement per step (and per CHUNK rows), the accounts locked in id order. */
export function kyselyBatchStore(trx: Executor, lock: boolean): BatchStore {
  return {
    loadAccounts: (ids) => loadAccountsForUpdate(trx, ids, lock),
    findTransfers: (ids) => findTransfers(trx, ids),
    findSettlements: (pendingIds) => findSettlements(trx, pendingIds),
    insertTransfers: (transfers) => insertTransfers(trx, transfers),
    writeTotals: (accounts) => writeTotals(trx, accounts),
  }
}

interface SqliteStatements {
  account: SQLite.Statement<[string], Selectable<LedgerAccountsTable>>
  transfer: SQLite.Statement<[string], Selectable<LedgerTransfersTable>>
  settlement: SQLite.Statement<[string], { kind: string }>
  insert: SQLite.Statement<unknown[]>
  totals: SQLite.Statement<[number, number, number, number, string]>
}

const sqliteStatements = new WeakMap<SQLite.Database, SqliteStatements>()

function statementsOf(sqlite: SQLite.Database): SqliteStatements {
  let statements = sqliteStatements.get(sqlite)
  if (!statements) {
    statements = {
      account: sqlite.prepare('select * from ledger_accounts where id = ?'),
      transfer: sqlite.prepare('select * from ledger_transfers where id = ?'),
      settlement: sqlite.prepare('select kind from ledger_transfers where pending_id = ?'),
      insert: sqlite.prepare(
        `insert into ledger_transfers (id, debit_account_id, credit_account_id, amount, kind, pending_id, code,
          timeout_at, ref_type, ref_id, note, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      totals: sqlite.prepare(
        `update ledger_accounts set debits_posted = ?, credits_posted = ?, debits_pending = ?, credits_pending = ?
          where id = ?`,
      ),
    }
    sqliteStatements.set(sqlite, statements)
  }
  return statements
}

/**
 * SQLite: the driver's statements, prepared once per connection and run row by row, synchronously — no SQL to
 * build, compile and prepare per batch, which cost more than the rows themselves. Use only inside the writer's
 * Kysely transaction: it holds the single connection, so no other statement interleaves, and its commit or
 * rollback covers these rows.
 */
export function sqliteBatchStore(sqlite: SQLite.Database): BatchStore {
  const statements = statementsOf(sqlite)
  return {
    async loadAccounts(ids) {
      const accounts = new Map<string, AccountTotals>()
      for (const id of ids) {
        const row = statements.account.get(id)
        if (row) accounts.set(id, toTotals(row))
      }
      return accounts
    },
    async findTransfers(ids) {
      const found = new Map<string, Transfer>()
      for (const id of ids) {
        const row = statements.transfer.get(id)
        if (row) found.set(id, toTransfer(row))
      }
      return found
    },
    async findSettlements(pendingIds) {
      const settled = new Map<string, 'post' | 'void'>()
      for (const id of pendingIds) {
        const row = statements.settlement.get(id)
        if (row) settled.set(id, row.kind as 'post' | 'void')
      }
      return settled
    },
    async insertTransfers(transfers) {
      for (const t of transfers) {
        statements.insert.run(
          t.id,
          t.debitAccountId,
          t.creditAccountId,
          t.amount,
          t.kind,
          t.pendingId,
          t.code,
          t.timeoutAt,
          t.refType,
          t.refId,
          t.note,
          t.createdAt,
        )
      }
    },
    async writeTotals(accounts) {
      for (const a of accounts) {
        statements.totals.run(a.debitsPosted, a.creditsPosted, a.debitsPending, a.creditsPending, a.id)
      }
    },
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

/** Pending transfers whose timeout fell in [from, now] and that nobody settled: holds the sweeper voids. */
export async function findExpiredHolds(db: Executor, from: number, now: number, limit: number): Promise<Transfer[]> {
  const rows = await db
    .selectFrom('ledger_transfers as t')
    .leftJoin('ledger_transfers as s', 's.pending_id', 't.id')
    .selectAll('t')
    .where('t.kind', '=', 'pending')
    .where('t.timeout_at', '>=', from)
    .where('t.timeout_at', '<=', now)
    .where('s.id', 'is', null)
    .orderBy('t.timeout_at')
    .limit(limit)
    .execute()
  return rows.map(toTransfer)
}
