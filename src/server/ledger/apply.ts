import {
  AMOUNT_MAX,
  succeeded,
  type AccountTotals,
  type Transfer,
  type TransferRequest,
  type TransferResult,
} from './types.js'

/** What a batch needs to know from the database before it decides anything. */
export interface BatchState {
  accounts: Map<string, AccountTotals>
  /** Stored transfers whose ids are requested again (retries). */
  existing: Map<string, Transfer>
  /** Stored pending transfers named by post/void requests, and how each was settled, if it was. */
  pendings: Map<string, Transfer>
  settled: Map<string, 'post' | 'void'>
}

export interface CommandOutcome {
  results: TransferResult[]
  /** The transfers as stored (new or found), in request order; empty unless every result succeeded. */
  transfers: Transfer[]
}

/**
 * Decides a batch in memory: every command (a group of linked transfers) is applied all-or-nothing, in order,
 * each accepted or refused on its own. Pure apart from mutating `state`, so it can be tested exhaustively and
 * the database sees only the net result: one insert per transfer and one update per touched account.
 */
export class BatchDecider {
  /** New transfers to insert, in order. */
  readonly inserts: Transfer[] = []
  /** Accounts whose totals changed; their objects hold the new totals. */
  readonly changed = new Map<string, AccountTotals>()
  private readonly fresh = new Map<string, Transfer>()

  constructor(
    private readonly state: BatchState,
    private readonly now: number,
  ) {}

  decide(requests: TransferRequest[]): CommandOutcome {
    const undo: Array<() => void> = []
    const results: TransferResult[] = []
    const transfers: Transfer[] = []
    for (const request of requests) {
      const { result, transfer } = applyOne(this.state, this.fresh, request, this.now, undo)
      results.push(result)
      if (!succeeded(result) || !transfer) {
        for (const step of undo.reverse()) step()
        return { results: markLinkedFailures(results, requests.length), transfers: [] }
      }
      transfers.push(transfer)
    }
    for (const [index, transfer] of transfers.entries()) {
      if (results[index] !== 'ok') continue
      this.inserts.push(transfer)
      for (const id of [transfer.debitAccountId, transfer.creditAccountId]) {
        this.changed.set(id, this.state.accounts.get(id)!)
      }
    }
    return { results, transfers }
  }
}

function markLinkedFailures(results: TransferResult[], total: number): TransferResult[] {
  const failed = results.length - 1
  return Array.from({ length: total }, (_, i) => (i === failed ? results[failed]! : 'linked_event_failed'))
}

interface Applied {
  result: TransferResult
  transfer?: Transfer
}

function applyOne(
  state: BatchState,
  fresh: Map<string, Transfer>,
  request: TransferRequest,
  now: number,
  undo: Array<() => void>,
): Applied {
  const previous = state.existing.get(request.id) ?? fresh.get(request.id)
  if (previous) {
    return sameTransfer(previous, request)
      ? { result: 'exists', transfer: previous }
      : { result: 'exists_with_different_fields' }
  }
  if (request.kind === 'post' || request.kind === 'void') return settle(state, fresh, request, now, undo)

  const { debitAccountId, creditAccountId, amount } = request
  if (amount === undefined || !Number.isSafeInteger(amount) || amount <= 0) return { result: 'amount_must_be_positive' }
  if (amount > AMOUNT_MAX) return { result: 'amount_too_large' }
  if (!debitAccountId || !creditAccountId) return { result: 'account_not_found' }
  if (debitAccountId === creditAccountId) return { result: 'accounts_must_be_different' }
  const debit = state.accounts.get(debitAccountId)
  const credit = state.accounts.get(creditAccountId)
  if (!debit || !credit) return { result: 'account_not_found' }
  if (debit.mustNotOverdraw && debit.debitsPosted + debit.debitsPending + amount > debit.creditsPosted) {
    return { result: 'exceeds_credits' }
  }

  const pending = request.kind === 'pending'
  adjust(debit, pending ? 'debitsPending' : 'debitsPosted', amount, undo)
  adjust(credit, pending ? 'creditsPending' : 'creditsPosted', amount, undo)
  const transfer: Transfer = {
    id: request.id,
    kind: request.kind,
    debitAccountId,
    creditAccountId,
    amount,
    pendingId: null,
    code: request.code,
    timeoutAt: pending ? (request.timeoutAt ?? null) : null,
    refType: request.refType ?? null,
    refId: request.refId ?? null,
    note: request.note ?? null,
    createdAt: now,
  }
  remember(fresh, transfer, undo)
  return { result: 'ok', transfer }
}

function settle(
  state: BatchState,
  fresh: Map<string, Transfer>,
  request: TransferRequest,
  now: number,
  undo: Array<() => void>,
): Applied {
  const pendingId = request.pendingId
  const pending = pendingId ? (state.pendings.get(pendingId) ?? fresh.get(pendingId)) : undefined
  if (!pendingId || !pending) return { result: 'pending_transfer_not_found' }
  if (pending.kind !== 'pending') return { result: 'pending_transfer_not_pending' }
  const settledAs = state.settled.get(pendingId)
  if (settledAs === 'post') return { result: 'pending_transfer_already_posted' }
  if (settledAs === 'void') return { result: 'pending_transfer_already_voided' }

  const posting = request.kind === 'post'
  if (posting && pending.timeoutAt !== null && pending.timeoutAt <= now) return { result: 'pending_transfer_expired' }
  const amount = posting ? (request.amount ?? pending.amount) : pending.amount
  if (!Number.isSafeInteger(amount) || amount <= 0) return { result: 'amount_must_be_positive' }
  if (amount > pending.amount) return { result: 'exceeds_pending_amount' }
  const debit = state.accounts.get(pending.debitAccountId)
  const credit = state.accounts.get(pending.creditAccountId)
  if (!debit || !credit) return { result: 'account_not_found' }

  // The whole hold is released; what is posted (all of it, or part) moves for good.
  adjust(debit, 'debitsPending', -pending.amount, undo)
  adjust(credit, 'creditsPending', -pending.amount, undo)
  if (posting) {
    adjust(debit, 'debitsPosted', amount, undo)
    adjust(credit, 'creditsPosted', amount, undo)
  }
  state.settled.set(pendingId, posting ? 'post' : 'void')
  undo.push(() => state.settled.delete(pendingId))
  const transfer: Transfer = {
    id: request.id,
    kind: request.kind,
    debitAccountId: pending.debitAccountId,
    creditAccountId: pending.creditAccountId,
    amount,
    pendingId,
    code: request.code,
    timeoutAt: null,
    refType: request.refType ?? pending.refType,
    refId: request.refId ?? pending.refId,
    note: request.note ?? null,
    createdAt: now,
  }
  remember(fresh, transfer, undo)
  return { result: 'ok', transfer }
}

type Total = 'debitsPosted' | 'creditsPosted' | 'debitsPending' | 'creditsPending'

function adjust(account: AccountTotals, total: Total, delta: number, undo: Array<() => void>): void {
  account[total] += delta
  undo.push(() => {
    account[total] -= delta
  })
}

function remember(fresh: Map<string, Transfer>, transfer: Transfer, undo: Array<() => void>): void {
  fresh.set(transfer.id, transfer)
  undo.push(() => fresh.delete(transfer.id))
}

/** A retry must ask for exactly what was done the first time. */
function sameTransfer(stored: Transfer, request: TransferRequest): boolean {
  if (stored.kind !== request.kind || stored.code !== request.code) return false
  if (request.kind === 'post' || request.kind === 'void') {
    return (
      stored.pendingId === (request.pendingId ?? null) &&
      (request.amount === undefined || request.amount === stored.amount)
    )
  }
  return (
    stored.debitAccountId === request.debitAccountId &&
    stored.creditAccountId === request.creditAccountId &&
    stored.amount === request.amount
  )
}
