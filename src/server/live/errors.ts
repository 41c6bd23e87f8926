import { DomainError } from '../errors.js'

export class EventStateInvalidError extends DomainError {
  readonly code = 'EVENT_STATE_INVALID'
  readonly status = 409

  constructor(status: string) {
    super({ status })
  }
}

export class EventNotLiveError extends DomainError {
  readonly code = 'EVENT_NOT_LIVE'
  readonly status = 409
}

export class DanmakuMutedError extends DomainError {
  readonly code = 'DANMAKU_MUTED'
  readonly status = 403
}

export class DanmakuFilteredError extends DomainError {
  readonly code = 'DANMAKU_FILTERED'
  readonly status = 400
}

export class RecallWindowPassedError extends DomainError {
  readonly code = 'RECALL_WINDOW_PASSED'
  readonly status = 409
}

export class InvalidXmlBodyError extends DomainError {
  readonly code = 'INVALID_XML'
  readonly status = 400
}
