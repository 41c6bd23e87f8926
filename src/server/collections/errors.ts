import { DomainError } from '../errors.js'

/** Paying or closing a collection that is no longer open: `status` says whether it completed or was closed. */
export class CollectionClosedError extends DomainError {
  readonly code = 'COLLECTION_CLOSED'
  readonly status = 409

  constructor(status: string) {
    super({ status })
  }
}

export class CannotCollectFromYourselfError extends DomainError {
  readonly code = 'CANNOT_COLLECT_FROM_YOURSELF'
  readonly status = 400
}

export class MembersNotInGroupError extends DomainError {
  readonly code = 'MEMBERS_NOT_IN_GROUP'
  readonly status = 400
}
