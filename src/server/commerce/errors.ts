import { DomainError } from '../errors.js'

export class OutOfStockError extends DomainError {
  readonly code = 'OUT_OF_STOCK'
  readonly status = 409
}

export class ProductDelistedError extends DomainError {
  readonly code = 'PRODUCT_DELISTED'
  readonly status = 409
}

export class CannotBuyFromYourselfError extends DomainError {
  readonly code = 'CANNOT_BUY_FROM_YOURSELF'
  readonly status = 400
}

/** The order is not in a state that allows this step: `status` says where it is, `action` what was tried. */
export class OrderStateInvalidError extends DomainError {
  readonly code = 'ORDER_STATE_INVALID'
  readonly status = 409

  constructor(status: string, action: string) {
    super({ status, action })
  }
}

export class PayRequestExpiredError extends DomainError {
  readonly code = 'PAY_REQUEST_EXPIRED'
  readonly status = 409
}

export class OrderTotalTooLargeError extends DomainError {
  readonly code = 'ORDER_TOTAL_TOO_LARGE'
  readonly status = 409
}
