import { DomainError } from '../errors.js'

export class TipsDisabledError extends DomainError {
  readonly code = 'TIPS_DISABLED'
  readonly status = 409
}

export class TipLimitReachedError extends DomainError {
  readonly code = 'TIP_LIMIT_REACHED'
  readonly status = 409
}

export class CannotTipYourselfError extends DomainError {
  readonly code = 'CANNOT_TIP_YOURSELF'
  readonly status = 400
}
