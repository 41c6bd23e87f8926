/** Any failed request: an error envelope from the server, or status 0 when the server could not be reached. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined
  /** Extra fields of the error envelope, e.g. `attemptsLeft` on PIN_INCORRECT. */
  readonly details: Readonly<Record<string, unknown>>

  constructor(init: {
    status: number
    code: string
    message: string
    field?: string | undefined
    details?: Record<string, unknown>
  }) {
    super(init.message)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.field = init.field
    this.details = init.details ?? {}
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR'
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE'

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code)
}

/** The form field a server error names, normalised from forms like `/phone` or `body.phone`. */
export function errorField(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined
  return error.field.split(/[/.]/).findLast((part) => part !== '')
}
