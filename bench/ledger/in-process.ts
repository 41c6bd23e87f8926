import type { AppContext } from '../../src/server/context.js'
import { succeeded } from '../../src/server/ledger/types.js'
import { naiveTransfer } from './naive.js'
import type { BenchUser } from './setup.js'
import { closedLoop, pairPicker, smallAmount, type LoopResult, type WorkloadName } from './workload.js'

export interface InProcessRun extends LoopResult {
  /** Database transactions opened during the run: the writer's batches (batched) or one per transfer (naive). */
  transactions: number
}

export interface InProcessOptions {
  mode: 'batched' | 'naive'
  workload: WorkloadName
  concurrency: number
  seconds: number
  count: number
  /** Makes transfer ids unique across runs on one database. */
  tag: string
}

/**
 * The ledger without HTTP: each client submits one transfer with a client-chosen id (the ledger dedupes by it),
 * as LedgerService.submit does for every money-moving request; `naive` does the same work one database
 * transaction per transfer.
 */
export async function runInProcess(
  ctx: AppContext,
  users: BenchUser[],
  options: InProcessOptions,
): Promise<InProcessRun> {
  const pick = pairPicker(users, options.workload)
  const counter = countTransactions(ctx)
  try {
    const result = await closedLoop(options, async (sequence) => {
      const [from, to] = pick()
      const transfer = {
        id: `${options.tag}-${sequence}`,
        kind: 'single' as const,
        debitAccountId: from.walletId,
        creditAccountId: to.walletId,
        amount: smallAmount(),
        code: 'transfer' as const,
      }
      if (options.mode === 'naive') return naiveTransfer(ctx.database, transfer)
      const outcome = await ctx.ledger.submit({ transfers: [transfer] })
      return !('error' in outcome) && outcome.results.every(succeeded)
    })
    return { ...result, transactions: counter.count }
  } finally {
    counter.stop()
  }
}

/** Counts Kysely transactions begun on the context's database while a run lasts. */
export function countTransactions(ctx: AppContext): { readonly count: number; stop(): void } {
  const db = ctx.database.db
  const original = db.transaction.bind(db)
  let count = 0
  db.transaction = () => {
    count++
    return original()
  }
  return {
    get count() {
      return count
    },
    stop() {
      db.transaction = original
    },
  }
}
