import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BatchDecider, type BatchState } from '../../../src/server/ledger/apply.js'
import {
  AMOUNT_MAX,
  succeeded,
  type AccountTotals,
  type Transfer,
  type TransferRequest,
  type TransferResult,
} from '../../../src/server/ledger/types.js'
import {
  duplicateMovements,
  ledgerInvariantViolations,
  NOW,
  ReferenceLedger,
  resolveCommands,
  scenario,
  totalsOf,
  type Scenario,
} from './model.js'

/** What the database would hold: the stored transfers and each account's stored totals. */
interface Books {
  totals: Map<string, AccountTotals>
  transfers: Transfer[]
}

/** Loads what the batch writer loads before deciding: the named accounts, earlier transfers, pendings, settlements. */
function loadState(books: Books, requests: TransferRequest[]): BatchState {
  const byId = new Map(books.transfers.map((t) => [t.id, t]))
  const pendingIds = new Set(requests.flatMap((r) => (r.pendingId ? [r.pendingId] : [])))
  const pendings = new Map([...pendingIds].flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : [])))
  const accountIds = new Set(requests.flatMap((r) => [r.debitAccountId, r.creditAccountId]))
  for (const p of pendings.values()) accountIds.add(p.debitAccountId).add(p.creditAccountId)
  return {
    accounts: new Map(
      [...accountIds].flatMap((id) =>
        id && books.totals.has(id) ? [[id, { ...books.totals.get(id)! }] as const] : [],
      ),
    ),
    existing: new Map(requests.flatMap((r) => (byId.has(r.id) ? [[r.id, byId.get(r.id)!] as const] : []))),
    pendings,
    settled: new Map(
      books.transfers.flatMap((t) =>
        t.pendingId && pendingIds.has(t.pendingId) ? [[t.pendingId, t.kind as 'post' | 'void'] as const] : [],
      ),
    ),
  }
}

/** Runs a scenario batch by batch the way the writer does, checking each command against the reference model. */
function play(s: Scenario): { books: Books; reference: ReferenceLedger } {
  const books: Books = {
    totals: new Map(
      s.accounts.map((a) => [
        a.name,
        {
          id: a.name,
          mustNotOverdraw: a.mustNotOverdraw,
          debitsPosted: 0,
          creditsPosted: 0,
          debitsPending: 0,
          creditsPending: 0,
        },
      ]),
    ),
    transfers: [],
  }
  const reference = new ReferenceLedger(new Map(s.accounts.map((a) => [a.name, a])))
  const commands = resolveCommands(s.commands)
  const batches: TransferRequest[][][] = []
  commands.forEach((command, i) => {
    if (i === 0 || s.batchBreaks[i]) batches.push([])
    batches.at(-1)!.push(command)
  })

  for (const batch of batches) {
    const state = loadState(books, batch.flat())
    const loaded = new Map([...state.accounts].map(([id, a]) => [id, { ...a }]))
    const decider = new BatchDecider(state, NOW)
    for (const command of batch) {
      const outcome = decider.decide(command)
      const expected = reference.decide(command, NOW)
      expect(outcome.results, JSON.stringify(command)).toEqual(expected.results)

      if (outcome.results.every(succeeded)) {
        // All of the group moved, or (retries) had already moved: each transfer is the one stored under its id.
        expect(outcome.transfers.map((t) => t.id)).toEqual(command.map((r) => r.id))
        for (const transfer of outcome.transfers) {
          expect(reference.accepted.find((t) => t.id === transfer.id)).toEqual(transfer)
        }
      } else {
        // None of it moved, and exactly one member says why.
        expect(outcome.transfers).toEqual([])
        expect(outcome.results.filter((r) => r !== 'linked_event_failed')).toHaveLength(1)
      }
    }

    // Refused commands left no trace on the accounts they touched.
    for (const [id, account] of state.accounts) {
      if (!decider.changed.has(id)) expect(account).toEqual(loaded.get(id))
    }
    books.transfers.push(...decider.inserts)
    for (const [id, account] of decider.changed) books.totals.set(id, { ...account })
  }
  return { books, reference }
}

describe('BatchDecider, against a reference model of the ledger', () => {
  it('keeps the books balanced, never overdraws, moves each id once and settles each pending once', () => {
    fc.assert(
      fc.property(scenario({ commandsMax: 25 }), (s) => {
        const { books, reference } = play(s)
        const accounts = [...books.totals.values()]

        expect(ledgerInvariantViolations(accounts)).toEqual([])
        expect(duplicateMovements(books.transfers)).toEqual([])
        // The stored transfers are exactly the ones the model accepted, in the same order.
        expect(books.transfers).toEqual(reference.accepted)
        for (const account of accounts) {
          const { id, mustNotOverdraw: _, ...totals } = account
          expect(totals, id).toEqual(totalsOf(books.transfers, id))
          expect(totals, id).toEqual(reference.totals(id))
        }
      }),
      { numRuns: 400 },
    )
  })

  it('reaches every outcome, so the property above is not vacuous', () => {
    const outcomes = new Set<TransferResult>()
    const seen = { accepted: 0, partialPosts: 0, voids: 0, retries: 0, refusedGroups: 0, amountMax: 0 }
    for (const s of fc.sample(scenario({ commandsMax: 25 }), { numRuns: 200, seed: 42 })) {
      const model = new ReferenceLedger(new Map(s.accounts.map((a) => [a.name, a])))
      for (const command of resolveCommands(s.commands)) {
        const { results } = model.decide(command, NOW)
        for (const result of results) outcomes.add(result)
        if (results.includes('exists')) seen.retries += 1
        if (command.length > 1 && !results.every(succeeded)) seen.refusedGroups += 1
      }
      const byId = new Map(model.accepted.map((t) => [t.id, t]))
      seen.accepted += model.accepted.length
      seen.partialPosts += model.accepted.filter(
        (t) => t.kind === 'post' && t.amount < byId.get(t.pendingId!)!.amount,
      ).length
      seen.voids += model.accepted.filter((t) => t.kind === 'void').length
      seen.amountMax += model.accepted.filter((t) => t.amount === AMOUNT_MAX).length
    }
    expect([...outcomes].sort()).toEqual([...ALL_RESULTS].sort())
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(2)
  })
})

const ALL_RESULTS: TransferResult[] = [
  'ok',
  'exists',
  'exists_with_different_fields',
  'linked_event_failed',
  'account_not_found',
  'accounts_must_be_different',
  'amount_must_be_positive',
  'amount_too_large',
  'exceeds_credits',
  'pending_transfer_not_found',
  'pending_transfer_not_pending',
  'pending_transfer_already_posted',
  'pending_transfer_already_voided',
  'pending_transfer_expired',
  'exceeds_pending_amount',
]
