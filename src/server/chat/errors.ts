import { DomainError } from '../errors.js'

/** The burn message was already opened by this reader, or its text is gone for everyone. */
export class MessageBurnedError extends DomainError {
  readonly code = 'MESSAGE_BURNED'
  readonly status = 410
}
