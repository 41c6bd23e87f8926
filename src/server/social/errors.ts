import { DomainError } from '../errors.js'

export class CannotBefriendYourselfError extends DomainError {
  readonly code = 'CANNOT_BEFRIEND_YOURSELF'
  readonly status = 400
}

export class AlreadyFriendsError extends DomainError {
  readonly code = 'ALREADY_FRIENDS'
  readonly status = 409
}

export class FriendRequestNotPendingError extends DomainError {
  readonly code = 'FRIEND_REQUEST_NOT_PENDING'
  readonly status = 409
}

export class CannotBlockYourselfError extends DomainError {
  readonly code = 'CANNOT_BLOCK_YOURSELF'
  readonly status = 400
}

export class MembersMustBeFriendsError extends DomainError {
  readonly code = 'MEMBERS_MUST_BE_FRIENDS'
  readonly status = 400

  constructor() {
    super({ field: 'memberIds' })
  }
}
