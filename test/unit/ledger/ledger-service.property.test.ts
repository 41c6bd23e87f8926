import crypto from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LedgerService } from '../../../src/server/ledger/service.js'
import { findAccount, insertAccount } from '../../../src/server/ledger/store.js'
import { succeeded, type Transfer, type TransferRequest } from '../../../src/server/ledger/types.js'
import type { CommandResult } from '../../../src/server/ledger/writer.js'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import { FUNDING, NOW, ReferenceLedger, resolveCommands, scenario, totalsOf, type Scenario } from './model.js'

/**
 * The same random scenarios as the BatchDecider property, but through LedgerService.submit on the real test
 * database (SQLite, or PostgreSQL when DATABASE_URL is set): commands submitted concurrently, so that they are
 * grouped into batches at random, and the books then proven by the audit and by a model built only from what
 * the ledger acknowledged.
 */
describe('LedgerService.submit, against the reference model, on the database', () => {
  let testApp: TestApp
  let ledger: LedgerService
  beforeAll(async () => {
    testApp = await createTestApp()
    ledger = new LedgerService(testApp.app.ctx.database, () => NOW)
  })
  afterAll(() => testApp.close())

  /** Names in a scenario become ids of this run alone, so that runs sharing the database never meet. */
  function namespace(run: string) {
    const account = (name: string) => (name === FUNDING ? `prop:${run}:funding` : `wallet:${run}-${name}`)
    const id = (value: string) => `${run}:${value}`
    const request = (r: TransferRequest): TransferRequest => ({
      ...r,
      id: id(r.id),
      ...(r.debitAccountId !== undefined ? { debitAccountId: account(r.debitAccountId) } : {}),
      ...(r.creditAccountId !== undefined ? { creditAccountId: account(r.creditAccountId) } : {}),
      ...(r.pendingId !== undefined ? { pendingId: id(r.pendingId) } : {}),
    })
    return { account, request }
  }

  async function submitConcurrently(commands: TransferRequest[][], pauses: boolean[]): Promise<CommandResult[]> {
    const submitted: Array<Promise<CommandResult>> = []
    for (const [i, transfers] of commands.entries()) {
      submitted.push(ledger.submit({ transfers }))
      // A pause lets the writer start a batch; whatever is submitted meanwhile waits for the next one.
      if (pauses[i]) await new Promise((resolve) => setImmediate(resolve))
    }
    return Promise.all(submitted)
  }

  it('acknowledges exactly what the model decides, and every balance equals the acknowledged transfers', async () => {
    await fc.assert(
      fc.asyncProperty(scenario({ commandsMax: 15 }), async (s: Scenario) => {
        const run = crypto.randomBytes(5).toString('hex')
        const { account, request } = namespace(run)
        for (const a of s.accounts) {
          await insertAccount(testApp.app.ctx.database.db, {
            id: account(a.name),
            kind: a.name === FUNDING ? 'system' : 'wallet',
            userId: null,
            mustNotOverdraw: a.mustNotOverdraw,
            now: NOW,
          })
        }
        const commands = resolveCommands(s.commands)
        const outcomes = await submitConcurrently(
          commands.map((c) => c.map(request)),
          s.batchBreaks,
        )

        // Batches are decided in submission order, so the model, deciding one command after another, agrees.
        const model = new ReferenceLedger(new Map(s.accounts.map((a) => [account(a.name), a])))
        const acknowledged: Transfer[] = []
        for (const [i, outcome] of outcomes.entries()) {
          if ('error' in outcome) throw outcome.error
          const command = commands[i]!.map(request)
          expect(outcome.results, JSON.stringify(command)).toEqual(model.decide(command, NOW).results)
          if (outcome.results.every(succeeded)) {
            acknowledged.push(...outcome.transfers.filter((_, j) => outcome.results[j] === 'ok'))
          }
        }

        for (const a of s.accounts) {
          const id = account(a.name)
          const expected = totalsOf(acknowledged, id)
          const stored = await findAccount(testApp.app.ctx.database.db, id)
          expect(stored, id).toEqual({ id, mustNotOverdraw: a.mustNotOverdraw, ...expected })
          if (a.name !== FUNDING) {
            const balance = expected.creditsPosted - expected.debitsPosted
            expect(await ledger.walletBalance(`${run}-${a.name}`)).toEqual({
              balance,
              available: balance - expected.debitsPending,
            })
          }
        }
        const rows = await testApp.app.ctx.database.db
          .selectFrom('ledger_transfers')
          .select('id')
          .where('id', 'like', `${run}:%`)
          .execute()
        expect(rows.map((r) => r.id).sort()).toEqual(acknowledged.map((t) => t.id).sort())
      }),
      { numRuns: 30 },
    )
    const audit = await ledger.audit()
    expect(audit.problems).toEqual([])
    expect(audit.ok).toBe(true)
  })
})
