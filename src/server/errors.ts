import type { ErrorKey } from '../shared/i18n/errors/index.js'

/** Extra fields that go into the error body beside code and message, and into the message's placeholders. */
export type ErrorDetails = Record<string, string | number>

/**
 * A rule was broken. Services throw these; the HTTP edge maps them once to a status and a localised message.
 * `code` is stable and English; `messageKey` defaults to it.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorKey
  abstract readonly status: number
  readonly details: ErrorDetails
  /** Sent as Retry-After when set. */
  readonly retryAfterSeconds: number | undefined

  constructor(details: ErrorDetails = {}, retryAfterSeconds?: number) {
    super()
    this.details = details
    this.retryAfterSeconds = retryAfterSeconds
  }

  get messageKey(): ErrorKey {
    return this.code
  }

  override get message(): string {
    return this.code
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED'
  readonly status = 401
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN'
  readonly status = 403
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND'
  readonly status = 404
}

/** `deceptive`: a name or title with direction controls, or made only of characters that show nothing. */
export type ValidationProblem = 'invalid' | 'required' | 'unknown' | 'deceptive'

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED'
  readonly status = 400
  readonly problem: ValidationProblem

  constructor(field: string, problem: ValidationProblem = 'invalid') {
    super({ field })
    this.problem = problem
  }

  override get messageKey(): ErrorKey {
    if (this.problem === 'required') return 'VALIDATION_REQUIRED'
    if (this.problem === 'unknown') return 'VALIDATION_UNKNOWN_FIELD'
    if (this.problem === 'deceptive') return 'VALIDATION_DECEPTIVE_TEXT'
    return 'VALIDATION_FAILED'
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED'
  readonly status = 429

  constructor(retryAfterSeconds: number) {
    super({ retryAfterSeconds }, retryAfterSeconds)
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE'
  readonly status = 503
}
