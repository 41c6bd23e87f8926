/**
 * Simple interest, accrued by day, kept exactly. For a stretch of `days` days on `principal` fen at `rateBp` basis
 * points a year, the interest is principal × rateBp/10,000 × days/365 fen. Rather than round each stretch, the loan
 * keeps the exact sum in units of 1/3,650,000 fen (principal × rateBp × days, an integer) and rounds half up only
 * what is shown or paid; what is paid is subtracted exactly. So however the borrower splits repayments, the interest
 * paid over the loan's life is the exact interest rounded once, half up.
 */
export const UNITS_PER_FEN = 3_650_000

/** The part of a loan that interest is worked out from. */
export interface Balance {
  principal: number
  rateBp: number
  /** Accrued, unpaid interest in units; may dip to −½ fen after paying an amount that was rounded up. */
  interestUnits: number
  /** The day from which interest is not yet in interestUnits. */
  accruedDay: number
}

export interface Owed {
  interest: number
  principal: number
  total: number
}

/** The balance with interest added up to `day` (interest accrues for every day from accruedDay to day, not day). */
export function accrue(balance: Balance, day: number): Balance {
  const days = Math.max(0, day - balance.accruedDay)
  const units = balance.interestUnits + balance.principal * balance.rateBp * days
  if (!Number.isSafeInteger(units)) throw new RangeError('interest beyond the safe-integer range')
  return { ...balance, interestUnits: units, accruedDay: Math.max(day, balance.accruedDay) }
}

/** Whole fen, half up: ⌊(units + ½ fen) / fen⌋ in exact integer arithmetic. */
export function unitsToFen(units: number): number {
  return floorDiv(2 * units + UNITS_PER_FEN, 2 * UNITS_PER_FEN)
}

/** What settles the loan on `day`. */
export function owedOn(balance: Balance, day: number): Owed {
  const interest = unitsToFen(accrue(balance, day).interestUnits)
  return { interest, principal: balance.principal, total: interest + balance.principal }
}

export interface Repayment {
  interest: number
  principal: number
  after: Balance
}

/** A repayment on `day` pays accrued interest first, then principal; undefined when it exceeds what is owed. */
export function repay(balance: Balance, amount: number, day: number): Repayment | undefined {
  const accrued = accrue(balance, day)
  const interestOwed = unitsToFen(accrued.interestUnits)
  if (amount > interestOwed + accrued.principal) return undefined
  const interest = Math.min(amount, interestOwed)
  const principal = amount - interest
  return {
    interest,
    principal,
    after: {
      ...accrued,
      principal: accrued.principal - principal,
      interestUnits: accrued.interestUnits - interest * UNITS_PER_FEN,
    },
  }
}

function floorDiv(a: number, b: number): number {
  return (a - (((a % b) + b) % b)) / b
}
