import { Type } from 'typebox'
import { LOCALES } from '../i18n/locales.js'

export const LocaleSchema = Type.Enum([...LOCALES], { description: 'UI and error-message language' })

/** `{"error": {...}}`; extra fields (field, attemptsLeft, retryAfterSeconds…) depend on the code. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'Stable English identifier, e.g. INSUFFICIENT_FUNDS' }),
        message: Type.String({ description: "Localised to the caller's language" }),
        field: Type.Optional(Type.String({ description: 'The offending input field, for VALIDATION_FAILED' })),
      },
      { additionalProperties: true },
    ),
  },
  { $id: 'ErrorBody', description: 'Every 4xx and 5xx response' },
)

export const NoContent = Type.Null({ description: 'No content' })

/** WebSocket close code when the socket's session ended (logout, revoked, password changed): do not reconnect. */
export const SESSION_ENDED_CLOSE_CODE = 4401
