import { DomainError, type ErrorDetails } from '../errors.js'
import type { ErrorKey } from '../../shared/i18n/errors/index.js'

export class IdempotencyKeyRequiredError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REQUIRED'
  readonly status = 400
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED'
  readonly status = 409
}

/** A remembered error, answered again with its first status and code, in the caller's language of today. */
export class ReplayedError extends DomainError {
  readonly code: ErrorKey
  readonly status: number

  constructor(status: number, code: ErrorKey, details: ErrorDetails) {
    super(details)
    this.code = code
    this.status = status
  }
}
