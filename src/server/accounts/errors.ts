import type { ErrorKey } from '../../shared/i18n/errors/index.js'
import type { DocumentProblem, DocumentType } from '../../shared/validation/id-documents.js'
import { DomainError } from '../errors.js'

export class PhoneTakenError extends DomainError {
  readonly code = 'PHONE_TAKEN'
  readonly status = 409
}

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS'
  readonly status = 401
}

/** Says which rule the number broke; every message also names the documents that are accepted. */
export class InvalidIdNumberError extends DomainError {
  readonly code = 'INVALID_ID_NUMBER'
  readonly status = 400
  readonly reason: DocumentProblem

  constructor(documentType: DocumentType, reason: DocumentProblem) {
    super({ documentType, reason })
    this.reason = reason
  }

  override get messageKey(): ErrorKey {
    if (this.reason === 'checksum') return 'INVALID_ID_NUMBER_CHECKSUM'
    if (this.reason === 'date') return 'INVALID_ID_NUMBER_DATE'
    if (this.reason === 'region') return 'INVALID_ID_NUMBER_REGION'
    return 'INVALID_ID_NUMBER'
  }
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

export class PhoneCodeRequiredError extends DomainError {
  readonly code = 'PHONE_CODE_REQUIRED'
  readonly status = 400
}

export class PhoneCodeInvalidError extends DomainError {
  readonly code = 'PHONE_CODE_INVALID'
  readonly status = 400
}

/** Past its five minutes, already used, or out of its five tries: ask for a new one. */
export class PhoneCodeExpiredError extends DomainError {
  readonly code = 'PHONE_CODE_EXPIRED'
  readonly status = 400
}

/** The document number given to reset the PIN is not the one the real name was verified with. */
export class IdNumberMismatchError extends DomainError {
  readonly code = 'ID_NUMBER_MISMATCH'
  readonly status = 403
}
