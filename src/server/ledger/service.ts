import type { Database } from '../db/database.js'
import type { Cursor } from '../db/keyset.js'
import { SYSTEM_ACCOUNTS, userIdOfWallet, walletAccountId } from './accounts.js'
import { auditLedger, type AuditReport } from './audit.js'
import {
  countWallets,
  listSettledFlows,
  listTransfersByRef,
  listWalletSpending,
  listWalletTransfers,
  type FlowRow,
  type HistoryRow,
  type RefTransfer,
} from './history-store.js'
import { findAccount, findExpiredHolds, insertAccount } from './store.js'
import type { AccountTotals, Category } from './types.js'
import { LedgerWriter, type CommandResult, type LedgerCommand } from './writer.js'

/** Holds whose commit raced a sweep are picked up by the next one. */
const SWEEP_MARGIN_MS = 60_000

export interface WalletBalance {
  /** credits − debits posted: the money that is the user's. */
  balance: number
  /** balance − holds: what the user can spend now. */
  available: number
}

/** The only way money moves. Other modules build commands; the ledger decides and records them. */
export class LedgerService {
  private readonly writer: LedgerWriter
  /** Timed-out holds before this are all settled (this process voided or saw them settled). */
  private holdsSweptUntil = 0

  constructor(
    private readonly database: Database,
    private readonly clock: () => number,
  ) {
    this.writer = new LedgerWriter(database, clock)
  }

  /** Creates the system accounts once; safe on every start and from every process. */
  async init(): Promise<void> {
    const now = this.clock()
    for (const id of Object.values(SYSTEM_ACCOUNTS)) {
      await insertAccount(this.database.db, {
        id,
        kind: 'system',
        userId: null,
        mustNotOverdraw: id !== SYSTEM_ACCOUNTS.funding,
        now,
      })
    }
  }

  async openWallet(userId: string): Promise<void> {
    await insertAccount(this.database.db, {
      id: walletAccountId(userId),
      kind: 'wallet',
      userId,
      mustNotOverdraw: true,
      now: this.clock(),
    })
  }

  submit(command: LedgerCommand): Promise<CommandResult> {
    return this.writer.submit(command)
  }

  async walletBalance(userId: string): Promise<WalletBalance> {
    const account = await findAccount(this.database.db, walletAccountId(userId))
    return account ? balanceOf(account) : { balance: 0, available: 0 }
  }

  /**
   * Voids holds whose timeout has passed, returning the money to the payer. The void's id is derived from the
   * hold's, so several processes sweeping at once still void each hold exactly once.
   */
  async voidExpiredHolds(limit = 500): Promise<number> {
    const now = this.clock()
    const expired = await findExpiredHolds(this.database.db, this.holdsSweptUntil, now, limit)
    const results = await Promise.all(
      expired.map((hold) =>
        this.submit({
          transfers: [{ id: `void:${hold.id}`, kind: 'void', pendingId: hold.id, code: hold.code as Category }],
        }),
      ),
    )
    const voided = results.filter((r) => !('error' in r) && r.transfers.length > 0).length
    // Everything up to now is settled: the next sweep starts there (less a margin for holds still committing),
    // so settled holds are not walked again and again.
    if (expired.length < limit && voided === expired.length) this.holdsSweptUntil = now - SWEEP_MARGIN_MS
    return voided
  }

  /** One wallet's movements, newest first by keyset. */
  walletHistory(userId: string, limit: number, before: Cursor | undefined): Promise<HistoryRow[]> {
    return listWalletTransfers(this.database.db, walletAccountId(userId), limit, before)
  }

  /** Money settled into or out of a wallet in [from, to). */
  settledFlows(userId: string, from: number, to: number): Promise<FlowRow[]> {
    return listSettledFlows(this.database.db, walletAccountId(userId), from, to)
  }

  /** Every wallet's money out in [from, to) by owner, and how many wallets there are in all. */
  async spendingByWallet(from: number, to: number): Promise<{ spending: Map<string, number>; wallets: number }> {
    const [byAccount, wallets] = await Promise.all([
      listWalletSpending(this.database.db, from, to),
      countWallets(this.database.db),
    ])
    const spending = new Map<string, number>()
    for (const [accountId, spent] of byAccount) spending.set(userIdOfWallet(accountId) ?? accountId, spent)
    return { spending, wallets }
  }

  /** Transfers made for domain objects (tips on posts…), with who paid. */
  transfersByRef(refType: string, refIds: string[], code: Category): Promise<RefTransfer[]> {
    return listTransfersByRef(this.database.db, refType, refIds, code)
  }

  audit(): Promise<AuditReport> {
    return auditLedger(this.database.db)
  }

  /** Waits until every submitted command is written (shutdown, tests). */
  idle(): Promise<void> {
    return this.writer.idle()
  }
}

export function balanceOf(account: AccountTotals): WalletBalance {
  const balance = account.creditsPosted - account.debitsPosted
  return { balance, available: balance - account.debitsPending }
}
