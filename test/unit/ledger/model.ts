import fc from 'fast-check'
import {
  AMOUNT_MAX,
  succeeded,
  type AccountTotals,
  type Transfer,
  type TransferKind,
  type TransferRequest,
  type TransferResult,
} from '../../../src/server/ledger/types.js'

/**
 * A reference model of the ledger, written to be obviously right rather than fast: it keeps nothing but the
 * list of accepted transfers and derives every total, every retry and every settlement from that list each time.
 */

export interface AccountSpec {
  name: string
  mustNotOverdraw: boolean
}

/** One linked group, or a verbatim resubmission of an earlier one (a client retry). */
export type Command = { transfers: TransferRequest[] } | { repeatOf: number }

export interface Scenario {
  accounts: AccountSpec[]
  commands: Command[]
  /** One flag per command: true starts a new batch (a new database transaction) before it. */
  batchBreaks: boolean[]
}

export const FUNDING = 'funding'
export const UNKNOWN = 'ghost'
/** The clock of every batch in these scenarios; holds time out before, at or after it. */
export const NOW = 1_000_000

/** Small id pools, so that retries, collisions and settlements of earlier pendings happen often. */
const pool = (prefix: string, size: number) => fc.integer({ min: 0, max: size - 1 }).map((n) => `${prefix}${n}`)
const singleId = pool('s', 40)
const pendingId = pool('p', 15)
const settlementId = pool('x', 30)
const anyId = fc.oneof(singleId, pendingId, settlementId)

const amount = fc.oneof(
  { weight: 25, arbitrary: fc.integer({ min: 1, max: 400 }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: -50, max: -1 }) },
  { weight: 1, arbitrary: fc.constantFrom(AMOUNT_MAX, AMOUNT_MAX + 1, 1.5, Number.MAX_SAFE_INTEGER + 2) },
)

function transferRequest(names: string[]): fc.Arbitrary<TransferRequest> {
  const wallets = names.filter((n) => n !== FUNDING)
  const anyAccount = fc.constantFrom(...names, UNKNOWN)
  // Money enters from the funding account often, so that wallets have something to spend; now and then the
  // pair is nonsense (the same account twice, an unknown one, one missing).
  const accounts = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constant(FUNDING), fc.constantFrom(...wallets)) },
    { weight: 6, arbitrary: fc.shuffledSubarray(names, { minLength: 2, maxLength: 2 }).map(([d, c]) => [d, c]) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.option(anyAccount, { nil: undefined, freq: 5 }),
        fc.option(anyAccount, { nil: undefined, freq: 5 }),
      ),
    },
  )
  const moving = fc.record({
    kind: fc.constantFrom<TransferKind>('single', 'pending'),
    accounts,
    amount: fc.option(amount, { nil: undefined, freq: 30 }),
    timeoutAt: fc.option(fc.constantFrom(NOW - 1, NOW, NOW + 1), { nil: undefined, freq: 2 }),
    // Now and then an id of another kind's pool: a collision that must be refused.
    stray: fc.option(anyId, { nil: undefined, freq: 15 }),
    single: singleId,
    pending: pendingId,
  })
  const settling = fc.record({
    id: fc.oneof({ weight: 15, arbitrary: settlementId }, { weight: 1, arbitrary: anyId }),
    kind: fc.constantFrom<TransferKind>('post', 'void'),
    // Mostly `@k`: the k-th pending asked for before it (see resolveCommands); sometimes any id at all.
    pendingId: fc.option(
      fc.oneof({ weight: 10, arbitrary: fc.nat().map((k) => `@${k}`) }, { weight: 1, arbitrary: anyId }),
      { nil: undefined, freq: 20 },
    ),
    amount: fc.option(amount, { nil: undefined, freq: 2 }),
  })
  return fc.oneof(
    {
      weight: 3,
      arbitrary: moving.map(({ stray, single, pending, accounts: [debitAccountId, creditAccountId], ...r }) =>
        withoutUndefined({
          ...r,
          id: stray ?? (r.kind === 'pending' ? pending : single),
          debitAccountId,
          creditAccountId,
          timeoutAt: r.kind === 'pending' ? r.timeoutAt : undefined,
          code: 'transfer',
        }),
      ),
    },
    { weight: 1, arbitrary: settling.map((r) => withoutUndefined({ ...r, code: 'transfer' })) },
  )
}

function withoutUndefined(request: TransferRequest): TransferRequest {
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)) as TransferRequest
}

export function scenario(options: { commandsMax: number }): fc.Arbitrary<Scenario> {
  return fc
    .array(fc.boolean(), { minLength: 2, maxLength: 4 })
    .map((flags) => [
      { name: FUNDING, mustNotOverdraw: false },
      ...flags.map((mustNotOverdraw, i) => ({ name: `a${i}`, mustNotOverdraw })),
    ])
    .chain((accounts) => {
      const names = accounts.map((a) => a.name)
      const group = fc.oneof(
        { weight: 6, arbitrary: fc.array(transferRequest(names), { minLength: 1, maxLength: 1 }) },
        { weight: 3, arbitrary: fc.array(transferRequest(names), { minLength: 2, maxLength: 3 }) },
      )
      const command = fc.oneof(
        { weight: 5, arbitrary: group.map((transfers): Command => ({ transfers })) },
        { weight: 1, arbitrary: fc.nat().map((repeatOf): Command => ({ repeatOf })) },
      )
      return fc.record({
        accounts: fc.constant(accounts),
        commands: fc.array(command, { minLength: 1, maxLength: options.commandsMax, size: 'max' }),
        batchBreaks: fc.array(fc.boolean(), { minLength: options.commandsMax, maxLength: options.commandsMax }),
      })
    })
}

/**
 * The commands as submitted: a repeat names an earlier command (modulo how many came before), verbatim; a
 * settlement's `@k` names the k-th (modulo) pending transfer asked for before it, accepted or not.
 */
export function resolveCommands(commands: Command[]): TransferRequest[][] {
  const resolved: TransferRequest[][] = []
  const pendings: string[] = []
  for (const command of commands) {
    if (!('transfers' in command)) {
      if (resolved.length > 0) resolved.push(resolved[command.repeatOf % resolved.length]!)
      continue
    }
    resolved.push(
      command.transfers.map((request) => {
        if (request.kind === 'pending') pendings.push(request.id)
        const k = request.pendingId?.startsWith('@') ? Number(request.pendingId.slice(1)) : undefined
        if (k === undefined) return request
        return { ...request, pendingId: pendings.length > 0 ? pendings[k % pendings.length]! : 'p0' }
      }),
    )
  }
  return resolved
}

export interface ModelOutcome {
  results: TransferResult[]
}

/** Decides commands one after another, exactly as the ledger promises to, from the accepted transfers alone. */
export class ReferenceLedger {
  /** Every accepted transfer, in order: the model's whole state. */
  readonly accepted: Transfer[] = []

  constructor(private readonly accounts: Map<string, AccountSpec>) {}

  decide(requests: TransferRequest[], now: number): ModelOutcome {
    const tentative: Transfer[] = []
    const results: TransferResult[] = []
    for (const request of requests) {
      const result = this.decideOne(request, tentative, now)
      results.push(result)
      if (!succeeded(result)) {
        const failed = results.length - 1
        return { results: requests.map((_, i) => (i === failed ? result : 'linked_event_failed')) }
      }
    }
    this.accepted.push(...tentative)
    return { results }
  }

  totals(name: string): Omit<AccountTotals, 'id' | 'mustNotOverdraw'> {
    return totalsOf(this.accepted, name)
  }

  private decideOne(request: TransferRequest, tentative: Transfer[], now: number): TransferResult {
    const all = [...this.accepted, ...tentative]
    const previous = all.find((t) => t.id === request.id)
    if (previous) return sameRequest(previous, request) ? 'exists' : 'exists_with_different_fields'

    if (request.kind === 'post' || request.kind === 'void') {
      const pending = all.find((t) => t.id === request.pendingId)
      if (!pending) return 'pending_transfer_not_found'
      if (pending.kind !== 'pending') return 'pending_transfer_not_pending'
      const settlement = all.find((t) => t.pendingId === pending.id)
      if (settlement?.kind === 'post') return 'pending_transfer_already_posted'
      if (settlement?.kind === 'void') return 'pending_transfer_already_voided'
      if (request.kind === 'post' && pending.timeoutAt !== null && pending.timeoutAt <= now) {
        return 'pending_transfer_expired'
      }
      const settled = request.kind === 'post' ? (request.amount ?? pending.amount) : pending.amount
      if (!Number.isSafeInteger(settled) || settled <= 0) return 'amount_must_be_positive'
      if (settled > pending.amount) return 'exceeds_pending_amount'
      tentative.push(stored(request, { ...pending, amount: settled, pendingId: pending.id, timeoutAt: null }, now))
      return 'ok'
    }

    const { debitAccountId: debit, creditAccountId: credit, amount } = request
    if (amount === undefined || !Number.isSafeInteger(amount) || amount <= 0) return 'amount_must_be_positive'
    if (amount > AMOUNT_MAX) return 'amount_too_large'
    if (!debit || !credit) return 'account_not_found'
    if (debit === credit) return 'accounts_must_be_different'
    if (!this.accounts.has(debit) || !this.accounts.has(credit)) return 'account_not_found'
    if (this.accounts.get(debit)!.mustNotOverdraw) {
      const t = totalsOf(all, debit)
      if (t.debitsPosted + t.debitsPending + amount > t.creditsPosted) return 'exceeds_credits'
    }
    const timeoutAt = request.kind === 'pending' ? (request.timeoutAt ?? null) : null
    tentative.push(
      stored(request, { debitAccountId: debit, creditAccountId: credit, amount, pendingId: null, timeoutAt }, now),
    )
    return 'ok'
  }
}

function stored(
  request: TransferRequest,
  fields: Pick<Transfer, 'debitAccountId' | 'creditAccountId' | 'amount' | 'pendingId' | 'timeoutAt'>,
  now: number,
): Transfer {
  return {
    id: request.id,
    kind: request.kind,
    debitAccountId: fields.debitAccountId,
    creditAccountId: fields.creditAccountId,
    amount: fields.amount,
    pendingId: fields.pendingId,
    code: request.code,
    timeoutAt: fields.timeoutAt,
    refType: request.refType ?? null,
    refId: request.refId ?? null,
    note: request.note ?? null,
    createdAt: now,
  }
}

/** A retry asks for the same thing: same kind and code, same accounts and amount (or the same pending settled). */
function sameRequest(previous: Transfer, request: TransferRequest): boolean {
  if (previous.kind !== request.kind || previous.code !== request.code) return false
  if (request.kind === 'post' || request.kind === 'void') {
    return (
      previous.pendingId === request.pendingId && (request.amount === undefined || request.amount === previous.amount)
    )
  }
  return (
    previous.debitAccountId === request.debitAccountId &&
    previous.creditAccountId === request.creditAccountId &&
    previous.amount === request.amount
  )
}

/** An account's four totals derived from a list of transfers: posted from single and post, held from unsettled pendings. */
export function totalsOf(transfers: Transfer[], name: string): Omit<AccountTotals, 'id' | 'mustNotOverdraw'> {
  const settled = new Set(transfers.flatMap((t) => (t.pendingId ? [t.pendingId] : [])))
  const totals = { debitsPosted: 0, creditsPosted: 0, debitsPending: 0, creditsPending: 0 }
  for (const t of transfers) {
    const posted = t.kind === 'single' || t.kind === 'post'
    const held = t.kind === 'pending' && !settled.has(t.id)
    if (t.debitAccountId === name) {
      if (posted) totals.debitsPosted += t.amount
      if (held) totals.debitsPending += t.amount
    }
    if (t.creditAccountId === name) {
      if (posted) totals.creditsPosted += t.amount
      if (held) totals.creditsPending += t.amount
    }
  }
  return totals
}

/** The ledger's own invariants over a set of account totals. */
export function ledgerInvariantViolations(accounts: AccountTotals[]): string[] {
  const problems: string[] = []
  let posted = 0
  let pending = 0
  for (const a of accounts) {
    posted += a.creditsPosted - a.debitsPosted
    pending += a.creditsPending - a.debitsPending
    if (a.mustNotOverdraw && a.debitsPosted + a.debitsPending > a.creditsPosted) problems.push(`${a.id} overdrawn`)
    for (const v of [a.debitsPosted, a.creditsPosted, a.debitsPending, a.creditsPending]) {
      if (!Number.isSafeInteger(v) || v < 0) problems.push(`${a.id} has an impossible total ${v}`)
    }
  }
  if (posted !== 0) problems.push(`posted totals sum to ${posted}`)
  if (pending !== 0) problems.push(`pending totals sum to ${pending}`)
  return problems
}

/** Ids moved more than once, and pendings settled more than once: both must never happen. */
export function duplicateMovements(transfers: Transfer[]): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  const settled = new Set<string>()
  for (const t of transfers) {
    if (ids.has(t.id)) problems.push(`transfer ${t.id} stored twice`)
    ids.add(t.id)
    if (t.pendingId) {
      if (settled.has(t.pendingId)) problems.push(`pending ${t.pendingId} settled twice`)
      settled.add(t.pendingId)
    }
  }
  return problems
}
