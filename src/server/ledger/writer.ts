import { sql, type Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import type { Tables } from '../db/tables.js'
import { DomainError } from '../errors.js'
import { insertIdempotencyRecords, type IdempotencyRow } from '../idempotency/store.js'
import { BatchDecider, type CommandOutcome } from './apply.js'
import { kyselyBatchStore, sqliteBatchStore } from './store.js'
import type { TransferRequest } from './types.js'

/** The response to remember under an idempotency key, in the same transaction as the money. */
export interface Remember {
  userId: string
  key: string
  requestHash: string
  /** undefined: nothing to remember yet (an intermediate step that succeeded). */
  response: (result: CommandResult) => { status: number; body: unknown } | undefined
}

export interface LedgerCommand {
  /** Linked: all of them or none. */
  transfers: TransferRequest[]
  /**
   * Domain writes that must commit with the money or not at all (mark a request paid, record a claim). They run
   * in the batch transaction inside a savepoint; a DomainError refuses this command alone. They may return the
   * transfers again with amounts only known inside the transaction (which share of a red packet, what is left to
   * refund): same ids and accounts, other amounts.
   */
  effects?: (trx: Transaction<Tables>) => Promise<void | TransferRequest[]>
  remember?: Remember
}

export type CommandResult = CommandOutcome | { error: DomainError }

interface Queued {
  command: LedgerCommand
  resolve: (result: CommandResult) => void
  reject: (error: unknown) => void
}

export interface WriterOptions {
  /** Commands per database transaction at most. */
  batchMax: number
}

const RETRYABLE = new Set(['40001', '40P01', '23505', 'SQLITE_BUSY'])
const ATTEMPTS_MAX = 5

/**
 * Group commit: commands that arrive while a batch is being written wait and go together into the next one,
 * one database transaction for all of them, each still accepted or refused on its own. A hot account costs one
 * row update per batch, not one per transfer.
 */
export class LedgerWriter {
  private queue: Queued[] = []
  private flushing: Promise<void> | undefined

  constructor(
    private readonly database: Database,
    private readonly clock: () => number,
    private readonly options: WriterOptions = { batchMax: 4000 },
  ) {}

  submit(command: LedgerCommand): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ command, resolve, reject })
      // setImmediate lets every request that arrived in this turn of the event loop join the batch.
      this.flushing ??= new Promise<void>((done) => setImmediate(done)).then(() => this.drainQueue())
    })
  }

  /** Resolves when everything submitted so far is written. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing
  }

  private async drainQueue(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.batchMax)
        await this.commitWithRetry(batch)
      }
    } finally {
      this.flushing = undefined
    }
  }

  private async commitWithRetry(batch: Queued[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await this.commit(batch)
        batch.forEach((item, i) => item.resolve(results[i]!))
        return
      } catch (error) {
        const code = (error as { code?: string }).code
        if (attempt < ATTEMPTS_MAX && code !== undefined && RETRYABLE.has(code)) continue
        for (const item of batch) item.reject(error)
        return
      }
    }
  }

  private async commit(batch: Queued[]): Promise<CommandResult[]> {
    const now = this.clock()
    const { sqlite, dialect } = this.database
    return this.database.db.transaction().execute(async (trx) => {
      const store = sqlite ? sqliteBatchStore(sqlite) : kyselyBatchStore(trx, dialect === 'postgres')
      const requests = batch.flatMap((item) => item.command.transfers)
      const pendingIds = [...new Set(requests.flatMap((r) => (r.pendingId ? [r.pendingId] : [])))]
      // A pending transfer never changes, so it may be read before the locks; what else this batch reads, it reads
      // after locking the accounts, so that on PostgreSQL a batch committed meanwhile by another process (a transfer
      // with the same id, a settlement of the same hold) is seen, not decided over again.
      const pendings = await store.findTransfers(pendingIds)
      const accountIds = new Set<string>()
      for (const r of requests) {
        if (r.debitAccountId) accountIds.add(r.debitAccountId)
        if (r.creditAccountId) accountIds.add(r.creditAccountId)
      }
      for (const p of pendings.values()) accountIds.add(p.debitAccountId).add(p.creditAccountId)
      const accounts = await store.loadAccounts([...accountIds])
      const [existing, settled] = await Promise.all([
        store.findTransfers([...new Set(requests.map((r) => r.id))]),
        store.findSettlements(pendingIds),
      ])

      const decider = new BatchDecider({ accounts, existing, pendings, settled }, now)
      const results: CommandResult[] = []
      for (const { command } of batch) {
        results.push(
          command.effects ? await decideWithEffects(trx, decider, command) : decider.decide(command.transfers),
        )
      }

      await store.insertTransfers(decider.inserts)
      await store.writeTotals([...decider.changed.values()])
      await insertIdempotencyRecords(trx, rememberedResponses(batch, results, now))
      return results
    })
  }
}

async function decideWithEffects(
  trx: Transaction<Tables>,
  decider: BatchDecider,
  command: LedgerCommand,
): Promise<CommandResult> {
  await sql`savepoint ledger_command`.execute(trx)
  let transfers = command.transfers
  try {
    transfers = sameTransfers(command.transfers, await command.effects!(trx))
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    await sql`rollback to savepoint ledger_command`.execute(trx)
    return { error }
  }
  const outcome = decider.decide(transfers)
  if (outcome.transfers.length === 0 && command.transfers.length > 0) {
    await sql`rollback to savepoint ledger_command`.execute(trx)
  }
  await sql`release savepoint ledger_command`.execute(trx)
  return outcome
}

/** The batch loaded the accounts and transfers it names beforehand: effects may change amounts, nothing else. */
function sameTransfers(planned: TransferRequest[], decided: void | TransferRequest[]): TransferRequest[] {
  if (!decided) return planned
  const same =
    decided.length === planned.length &&
    decided.every((t, i) => {
      const p = planned[i]!
      return (
        t.id === p.id &&
        t.kind === p.kind &&
        t.debitAccountId === p.debitAccountId &&
        t.creditAccountId === p.creditAccountId &&
        t.pendingId === p.pendingId
      )
    })
  if (!same) throw new Error('effects may change the amounts of a command’s transfers, not the transfers')
  return decided
}

function rememberedResponses(batch: Queued[], results: CommandResult[], now: number): IdempotencyRow[] {
  const rows = new Map<string, IdempotencyRow>()
  batch.forEach(({ command }, i) => {
    const remember = command.remember
    if (!remember) return
    const id = `${remember.userId}\0${remember.key}`
    if (rows.has(id)) return
    const response = remember.response(results[i]!)
    if (!response) return
    rows.set(id, {
      user_id: remember.userId,
      key: remember.key,
      request_hash: remember.requestHash,
      status_code: response.status,
      response_body: JSON.stringify(response.body),
      created_at: now,
    })
  })
  return [...rows.values()]
}
