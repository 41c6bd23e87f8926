import { DANMAKU_IMPORT_MAX_BYTES, DANMAKU_IMPORT_MAX_ITEMS } from '../../shared/api/live.js'
import type { ErrorKey } from '../../shared/i18n/errors/index.js'
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

/** Over the byte or item limit of an import: refused before anything is stored. */
export class DanmakuImportTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE'
  readonly status = 413

  constructor() {
    super({ maxMegabytes: DANMAKU_IMPORT_MAX_BYTES / (1024 * 1024), maxItems: DANMAKU_IMPORT_MAX_ITEMS })
  }

  override get messageKey(): ErrorKey {
    return 'DANMAKU_IMPORT_TOO_LARGE'
  }
}
