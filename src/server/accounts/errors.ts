import { DomainError } from '../errors.js'

export class PhoneTakenError extends DomainError {
  readonly code = 'PHONE_TAKEN'
  readonly status = 409
}

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS'
  readonly status = 401
}

export class InvalidIdNumberError extends DomainError {
  readonly code = 'INVALID_ID_NUMBER'
  readonly status = 400
}

export class UnderageError extends DomainError {
  readonly code = 'UNDERAGE'
  readonly status = 400
}

export class IdNumberTakenError extends DomainError {
  readonly code = 'ID_NUMBER_TAKEN'
  readonly status = 409
}

export class AlreadyVerifiedError extends DomainError {
  readonly code = 'ALREADY_VERIFIED'
  readonly status = 409
}

export class RealNameRequiredError extends DomainError {
  readonly code = 'REAL_NAME_REQUIRED'
  readonly status = 403
}

export class PinIncorrectError extends DomainError {
  readonly code = 'PIN_INCORRECT'
  readonly status = 403

  constructor(attemptsLeft: number) {
    super({ attemptsLeft })
  }
}

export class PinLockedError extends DomainError {
  readonly code = 'PIN_LOCKED'
  readonly status = 423

  constructor(retryAfterSeconds: number) {
    super({ retryAfterSeconds, minutes: Math.ceil(retryAfterSeconds / 60) }, retryAfterSeconds)
  }
}

export class PinNotSetError extends DomainError {
  readonly code = 'PIN_NOT_SET'
  readonly status = 409
}

/** 403, not 401: the session is fine, and a client must not take a mistyped password for a logout. */
export class PasswordIncorrectError extends DomainError {
  readonly code = 'PASSWORD_INCORRECT'
  readonly status = 403
}
