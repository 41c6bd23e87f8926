import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { owedOn, repay, UNITS_PER_FEN, unitsToFen, type Balance } from '../../../src/server/ious/interest.js'

const loan = (principal: number, rateBp: number, accruedDay = 0): Balance => ({
  principal,
  rateBp,
  interestUnits: 0,
  accruedDay,
})

describe('IOU interest (simple, by day, rounded half up once)', () => {
  it('is principal × rate × days / 365', () => {
    expect(owedOn(loan(10_000, 1200), 365)).toEqual({ interest: 1200, principal: 10_000, total: 11_200 })
    // 10,000 × 12% × 30 / 365 = 98.63… → 99
    expect(owedOn(loan(10_000, 1200), 30).interest).toBe(99)
    // The day the money moves earns nothing; the next day earns one day.
    expect(owedOn(loan(10_000, 1200), 0).interest).toBe(0)
    expect(owedOn(loan(100_000, 1200), 1).interest).toBe(33)
  })

  it('rounds exactly half a fen up, anything less down', () => {
    expect(unitsToFen(UNITS_PER_FEN / 2)).toBe(1)
    expect(unitsToFen(UNITS_PER_FEN / 2 - 1)).toBe(0)
    expect(unitsToFen(-UNITS_PER_FEN / 2)).toBe(0)
    expect(unitsToFen(3 * UNITS_PER_FEN)).toBe(3)
  })

  it('pays interest first, then principal', () => {
    const paid = repay(loan(10_000, 1200), 500, 365)!
    expect([paid.interest, paid.principal]).toEqual([500, 0])
    const next = repay(paid.after, 1_000, 365)!
    expect([next.interest, next.principal]).toEqual([700, 300])
    expect(owedOn(next.after, 365)).toEqual({ interest: 0, principal: 9_700, total: 9_700 })
    expect(repay(next.after, 9_701, 365)).toBeUndefined()
  })

  it('charges the exact interest rounded once, however the repayments are split', () => {
    const repayments = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 60 }), amount: fc.integer({ min: 1 }) }), {
      maxLength: 12,
    })
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 0, max: 2400 }),
        repayments,
        fc.integer({ min: 0, max: 400 }),
        (principal, rateBp, steps, lastGap) => {
          let balance = loan(principal, rateBp)
          let day = 0
          let paid = 0
          // The reference: exact interest as an integer count of units, principal changing only when repaid.
          let exactUnits = 0n
          let referencePrincipal = BigInt(principal)
          for (const step of steps) {
            exactUnits += referencePrincipal * BigInt(rateBp) * BigInt(step.gap)
            day += step.gap
            const owed = owedOn(balance, day).total
            const amount = 1 + (step.amount % Math.max(1, owed))
            const result = repay(balance, amount, day)
            if (owed === 0) {
              expect(result).toBeUndefined()
              continue
            }
            expect(result).toBeDefined()
            expect(result!.interest + result!.principal).toBe(amount)
            expect(result!.interest).toBeGreaterThanOrEqual(0)
            referencePrincipal -= BigInt(result!.principal)
            paid += amount
            balance = result!.after
          }
          exactUnits += referencePrincipal * BigInt(rateBp) * BigInt(lastGap)
          day += lastGap
          const rest = owedOn(balance, day).total
          if (rest > 0) {
            const last = repay(balance, rest, day)!
            balance = last.after
            paid += rest
          }
          expect(owedOn(balance, day + 1000).total).toBe(0)
          const fen = BigInt(UNITS_PER_FEN)
          const interestRoundedOnce = Number((2n * exactUnits + fen) / (2n * fen))
          expect(paid).toBe(principal + interestRoundedOnce)
        },
      ),
      { numRuns: 300 },
    )
  })
})
