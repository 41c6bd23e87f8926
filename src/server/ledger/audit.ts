import { sql } from 'kysely'
import type { Db } from '../db/database.js'

export interface AuditReport {
  ok: boolean
  accounts: number
  transfers: number
  /** Σ(credits − debits) over all posted totals: zero in a sound double-entry ledger. */
  postedSum: number
  problems: string[]
}

interface Derived {
  account_id: string
  debits_posted: number
  credits_posted: number
  debits_pending: number
  credits_pending: number
}

/**
 * Proves the books from first principles: every account's four totals re-derived from the immutable transfers,
 * all accounts summing to zero, no account that must not overdraw below zero, every settlement consistent with
 * the pending transfer it settles.
 */
export async function auditLedger(db: Db): Promise<AuditReport> {
  const problems: string[] = []
  const accounts = await db.selectFrom('ledger_accounts').selectAll().execute()
  const transfers = Number(
    (
      await db
        .selectFrom('ledger_transfers')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

  const derived = new Map<string, Derived>()
  const zero = (id: string): Derived =>
    derived.get(id) ??
    derived
      .set(id, { account_id: id, debits_posted: 0, credits_posted: 0, debits_pending: 0, credits_pending: 0 })
      .get(id)!
  const { rows } = await sql<{ side: string; account_id: string; posted: number; pending: number }>`
    select 'debit' as side, t.debit_account_id as account_id,
      sum(case when t.kind in ('single', 'post') then t.amount else 0 end) as posted,
      sum(case when t.kind = 'pending' and s.id is null then t.amount else 0 end) as pending
    from ledger_transfers t left join ledger_transfers s on s.pending_id = t.id
    group by t.debit_account_id
    union all
    select 'credit' as side, t.credit_account_id as account_id,
      sum(case when t.kind in ('single', 'post') then t.amount else 0 end) as posted,
      sum(case when t.kind = 'pending' and s.id is null then t.amount else 0 end) as pending
    from ledger_transfers t left join ledger_transfers s on s.pending_id = t.id
    group by t.credit_account_id`.execute(db)
  for (const row of rows) {
    const totals = zero(row.account_id)
    if (row.side === 'debit') {
      totals.debits_posted = Number(row.posted)
      totals.debits_pending = Number(row.pending)
    } else {
      totals.credits_posted = Number(row.posted)
      totals.credits_pending = Number(row.pending)
    }
  }

  let postedSum = 0
  let pendingSum = 0
  for (const account of accounts) {
    const expected = zero(account.id)
    for (const total of ['debits_posted', 'credits_posted', 'debits_pending', 'credits_pending'] as const) {
      if (account[total] !== expected[total]) {
        problems.push(`${account.id}: stored ${total} ${account[total]} ≠ ${expected[total]} from its transfers`)
      }
    }
    postedSum += account.credits_posted - account.debits_posted
    pendingSum += account.credits_pending - account.debits_pending
    if (
      Number(account.must_not_overdraw) === 1 &&
      account.debits_posted + account.debits_pending > account.credits_posted
    ) {
      problems.push(`${account.id}: overdrawn (balance ${account.credits_posted - account.debits_posted})`)
    }
  }
  if (postedSum !== 0) problems.push(`posted totals sum to ${postedSum}, not 0`)
  if (pendingSum !== 0) problems.push(`pending totals sum to ${pendingSum}, not 0`)
  const known = new Set(accounts.map((a) => a.id))
  for (const id of derived.keys()) if (!known.has(id)) problems.push(`transfers name unknown account ${id}`)

  const { rows: badSettlements } = await sql<{ id: string; reason: string }>`
    select s.id, case
      when p.id is null then 'settles no transfer'
      when p.kind <> 'pending' then 'settles a transfer that is not pending'
      when s.debit_account_id <> p.debit_account_id or s.credit_account_id <> p.credit_account_id then 'accounts differ from its pending transfer'
      when s.kind = 'post' and s.amount > p.amount then 'posts more than was held'
      when s.kind = 'void' and s.amount <> p.amount then 'voids another amount than was held'
      when s.kind = 'post' and p.timeout_at is not null and s.created_at > p.timeout_at then 'posted after the hold timed out'
    end as reason
    from ledger_transfers s left join ledger_transfers p on p.id = s.pending_id
    where s.kind in ('post', 'void')`.execute(db)
  for (const row of badSettlements) if (row.reason) problems.push(`settlement ${row.id}: ${row.reason}`)

  return { ok: problems.length === 0, accounts: accounts.length, transfers, postedSum, problems }
}
