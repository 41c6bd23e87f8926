import { DomainError } from '../errors.js'

/** The annual rate is above the legal cap (4 × the one-year LPR, configured): `capPercent` says what it is. */
export class RateAboveLegalCapError extends DomainError {
  readonly code = 'RATE_ABOVE_LEGAL_CAP'
  readonly status = 400

  constructor(capPercent: number) {
    super({ field: 'annualRatePercent', capPercent })
  }
}

export class CannotBorrowFromYourselfError extends DomainError {
  readonly code = 'CANNOT_BORROW_FROM_YOURSELF'
  readonly status = 400
}

export class LenderNotFriendError extends DomainError {
  readonly code = 'LENDER_NOT_FRIEND'
  readonly status = 403
}

/** The IOU is not in a state that allows this: `status` says where it is. */
export class IouStateInvalidError extends DomainError {
  readonly code = 'IOU_STATE_INVALID'
  readonly status = 409

  constructor(status: string) {
    super({ status })
  }
}

export class RepaymentExceedsOutstandingError extends DomainError {
  readonly code = 'REPAYMENT_EXCEEDS_OUTSTANDING'
  readonly status = 409

  constructor(outstanding: number) {
    super({ outstanding })
  }
}

export class IouDueDatePassedError extends DomainError {
  readonly code = 'IOU_DUE_DATE_PASSED'
  readonly status = 409
}
