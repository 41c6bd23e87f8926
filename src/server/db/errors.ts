/** True for a UNIQUE or PRIMARY KEY violation on either dialect: the race a pre-check cannot close. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/** PostgreSQL refusing or dropping connections: shutting down, starting up, or not there (SQLSTATE classes 08, 57P). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300'])
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
])
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
]

/**
 * True when the database could not be reached, as opposed to a query that failed: the request may succeed a moment
 * later, so the client hears 503 and retries, and nobody is told of a bug that is not there.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown }
    if (typeof code === 'string') {
      if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_SOCKET_CODES.has(code)) return true
    }
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((known) => message.includes(known))) return true
    // AggregateError (every address refused) and wrapped errors keep the real one inside.
    const inner = cause as { errors?: unknown[]; cause?: unknown }
    if (Array.isArray(inner.errors) && inner.errors.some((e) => isDatabaseUnavailable(e))) return true
    cause = inner.cause
  }
  return false
}

/**
 * PostgreSQL refusing a value it cannot hold: a number out of range, text it cannot encode, a malformed date (SQLSTATE
 * class 22). The schemas should turn such input away first; this is the net under them, so that a gap answers 400 and
 * the transaction, rolled back, has changed nothing.
 */
const UNSTORABLE_SQLSTATES = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05'])

export function isUnstorableValue(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && UNSTORABLE_SQLSTATES.has(code)
}
