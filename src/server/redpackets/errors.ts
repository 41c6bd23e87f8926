import { DomainError } from '../errors.js'

export class AlreadyClaimedError extends DomainError {
  readonly code = 'ALREADY_CLAIMED'
  readonly status = 409
}

export class RedPacketEmptyError extends DomainError {
  readonly code = 'RED_PACKET_EMPTY'
  readonly status = 409
}

export class RedPacketExpiredError extends DomainError {
  readonly code = 'RED_PACKET_EXPIRED'
  readonly status = 410
}
