import { DomainError } from '../errors.js'

export class InsufficientFundsError extends DomainError {
  readonly code = 'INSUFFICIENT_FUNDS'
  readonly status = 409
}

export class CannotPayYourselfError extends DomainError {
  readonly code = 'CANNOT_PAY_YOURSELF'
  readonly status = 400
}

export class CannotRequestFromYourselfError extends DomainError {
  readonly code = 'CANNOT_REQUEST_FROM_YOURSELF'
  readonly status = 400
}

export class RecipientNotVerifiedError extends DomainError {
  readonly code = 'RECIPIENT_NOT_VERIFIED'
  readonly status = 409
}

export class AlreadyPaidError extends DomainError {
  readonly code = 'ALREADY_PAID'
  readonly status = 409
}

export class RequestDeclinedError extends DomainError {
  readonly code = 'REQUEST_DECLINED'
  readonly status = 409
}

/** The ledger refused in a way no caller should be able to cause: a bug, answered as a 500. */
export class LedgerRefusedError extends DomainError {
  readonly code = 'INTERNAL_ERROR'
  readonly status = 500
}
