import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { errorCatalogs, type ErrorKey } from '../../shared/i18n/errors/index.js'
import { interpolate } from '../../shared/i18n/interpolate.js'
import { isDatabaseUnavailable, isUnstorableValue } from '../db/errors.js'
import { DomainError, NotFoundError, ServiceUnavailableError } from '../errors.js'
import { drainRequest } from './drain.js'
import { requestLocale } from './locale.js'
import { toValidationError } from './validation.js'

/** Framework errors that are the client's fault, mapped to our codes. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: ErrorKey }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_RATE_LIMIT: { status: 429, code: 'RATE_LIMITED' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'URI_TOO_LONG' },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_REQUEST' },
}

/** How soon a client should try again while the database is unreachable: a restart takes a few seconds. */
const DATABASE_RETRY_AFTER_SECONDS = 2

/**
 * The one place errors become HTTP: a stable code, a message in the caller's language, the details a client
 * needs (field, attemptsLeft, retryAfterSeconds). A 5xx never carries the underlying message.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) return sendDomainError(request, reply, error)
    if (error.validation) return sendDomainError(request, reply, toValidationError(error.validation))

    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined
    if (known) {
      const send = () => sendError(request, reply, known.status, known.code, known.code)
      // Read the rest first, within bounds: answered mid-upload, a 413 would reach most clients as a reset.
      return error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? drainRequest(request.raw).then(send) : send()
    }
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return sendError(request, reply, 400, 'MALFORMED_JSON', 'MALFORMED_JSON')
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error')
      return sendError(request, reply, error.statusCode, 'BAD_REQUEST', 'BAD_REQUEST')
    }
    if (isUnstorableValue(error)) {
      request.log.warn({ err: error }, 'input the database cannot store got past validation')
      return sendError(request, reply, 400, 'BAD_REQUEST', 'BAD_REQUEST')
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable')
      return sendDomainError(request, reply, new ServiceUnavailableError({}, DATABASE_RETRY_AFTER_SECONDS))
    }
    request.log.error({ err: error }, 'request failed')
    return sendError(request, reply, 500, 'INTERNAL_ERROR', 'INTERNAL_ERROR')
  })
}

/** For the router's own refusals (a path segment too long, a bad escape), which come before any error handler. */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = FRAMEWORK_ERRORS[error.code] ?? { status: 400, code: 'BAD_REQUEST' }
  return sendError(request, reply, known.status, known.code, known.code)
}

export function sendDomainError(request: FastifyRequest, reply: FastifyReply, error: DomainError) {
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds))
  return sendError(request, reply, error.status, error.code, error.messageKey, error.details)
}

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  messageKey: ErrorKey,
  details: Record<string, string | number> = {},
) {
  const message = interpolate(errorCatalogs[requestLocale(request)][messageKey], details)
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, ...details } })
}

export function notFound(request: FastifyRequest, reply: FastifyReply) {
  return sendDomainError(request, reply, new NotFoundError())
}
