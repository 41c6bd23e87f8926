import { useCallback, useState } from 'react'
import { ApiError, errorField } from '../api/api-error.js'

export type FieldErrors<F extends string> = Partial<Record<F, string>>

/**
 * Errors of one form: per field (client checks, or a server error that names a field of this form) and one
 * form-level message for everything else.
 */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<F>>({})
  const [formError, setFormError] = useState<string | undefined>()

  const reset = useCallback(() => {
    setFieldErrors({})
    setFormError(undefined)
  }, [])

  const showServerError = useCallback(
    (error: unknown, fieldForCode: Partial<Record<string, F>> = {}) => {
      const message = error instanceof ApiError ? error.message : String(error)
      const named = errorField(error)
      const code = error instanceof ApiError ? error.code : undefined
      const field =
        (named && (fields as readonly string[]).includes(named) ? (named as F) : undefined) ??
        (code ? fieldForCode[code] : undefined)
      if (field) {
        setFieldErrors({ [field]: message } as FieldErrors<F>)
        setFormError(undefined)
      } else {
        setFieldErrors({})
        setFormError(message)
      }
    },
    [fields],
  )

  const clearField = useCallback((field: F) => {
    setFieldErrors((current) => (current[field] ? { ...current, [field]: undefined } : current))
  }, [])

  return { fieldErrors, formError, setFieldErrors, setFormError, showServerError, clearField, reset }
}
