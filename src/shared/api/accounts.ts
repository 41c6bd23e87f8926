import { Type, type Static } from 'typebox'
import { DOCUMENT_TYPES } from '../validation/id-documents.js'
import { PHONE_PATTERN } from '../validation/phone.js'
import { NAME_TEXT_FORMAT } from '../validation/text.js'
import { LocaleSchema } from './common.js'

const Phone = Type.String({
  pattern: PHONE_PATTERN,
  description: '11-digit mainland China mobile (1[3-9]xxxxxxxxx) or E.164 (+44…)',
  examples: ['13800138000'],
})
const Password = Type.String({ minLength: 8, maxLength: 128 })
/** No control characters, nothing that deceives (see NAME_TEXT_FORMAT); trimmed by the service. */
const DisplayName = Type.String({
  minLength: 1,
  maxLength: 32,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
  format: NAME_TEXT_FORMAT,
})
const Pin = Type.String({ pattern: '^\\d{6}$', description: '6-digit payment PIN' })

export const UserView = Type.Object({
  id: Type.String(),
  phone: Type.String(),
  displayName: Type.String(),
  locale: LocaleSchema,
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  realName: Type.Object({
    verified: Type.Boolean(),
    maskedName: Type.Union([Type.String(), Type.Null()], { description: 'e.g. *小明; the ID number is never shown' }),
  }),
  hasPin: Type.Boolean(),
})
export type UserView = Static<typeof UserView>

/** Optional in the schema so that a missing one is PHONE_CODE_REQUIRED rather than a generic validation error. */
const PhoneCode = Type.String({ maxLength: 12, description: 'The 6-digit code sent to the phone (POST /auth/codes)' })

export const PhoneCodeBody = Type.Object(
  {
    phone: Phone,
    purpose: Type.Union([Type.Literal('register'), Type.Literal('reset-password'), Type.Literal('reset-pin')]),
  },
  { additionalProperties: false },
)
export type PhoneCodeBody = Static<typeof PhoneCodeBody>

export const PhoneCodeResult = Type.Object({
  sandboxCode: Type.Optional(
    Type.String({
      description: 'Only with the sandbox SMS provider and purpose register: the code, to show as a sandbox SMS',
    }),
  ),
})
export type PhoneCodeResult = Static<typeof PhoneCodeResult>

export const RegisterBody = Type.Object(
  {
    phone: Phone,
    code: Type.Optional(PhoneCode),
    password: Password,
    displayName: DisplayName,
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
)
export type RegisterBody = Static<typeof RegisterBody>

export const PasswordResetBody = Type.Object(
  { phone: Phone, code: Type.Optional(PhoneCode), newPassword: Password },
  { additionalProperties: false },
)
export type PasswordResetBody = Static<typeof PasswordResetBody>

export const LoginBody = Type.Object(
  { phone: Phone, password: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const AuthResult = Type.Object({
  user: UserView,
  token: Type.String({ description: 'Bearer token; the web app uses the httpOnly cookie set alongside instead' }),
})
export type AuthResult = Static<typeof AuthResult>

export const UpdateMeBody = Type.Object(
  { displayName: Type.Optional(DisplayName), locale: Type.Optional(LocaleSchema) },
  { additionalProperties: false },
)
export type UpdateMeBody = Static<typeof UpdateMeBody>

export const RealNameBody = Type.Object(
  {
    name: Type.String({
      minLength: 2,
      maxLength: 40,
      pattern: "^[\\p{L}\\p{M}·•．. '-]+$",
      format: NAME_TEXT_FORMAT,
      description: 'Legal name as on the ID card',
    }),
    idNumber: Type.String({
      minLength: 1,
      maxLength: 32,
      description:
        'The document number as printed; spaces, parentheses and dashes are ignored. cn-resident: 18 characters ' +
        '(GB 11643, also the 81/82/83 residence permits); hk-id: A123456(3), check digit mod 11; tw-id: A123456789, ' +
        'weighted checksum; mo-id: 1234567(8); hk-mo-permit: H12345678 or M12345678 (an issue-count suffix is ' +
        'dropped); tw-permit: 8 digits; passport: 1-9 letters or digits, or the MRZ field with its ICAO 9303 ' +
        'check digit (L898902C36, AB1234<<<5), which must match',
    }),
    documentType: Type.Optional(
      Type.Enum(DOCUMENT_TYPES, { description: 'Which document idNumber is from; cn-resident when left out' }),
    ),
    birthDate: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        description:
          'YYYY-MM-DD; required for every type except cn-resident, whose number encodes it (and where it is refused). ' +
          'Missing, not a real date, in the future or before 1900: 400 VALIDATION_FAILED naming birthDate',
      }),
    ),
    country: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 3,
        description:
          'Passport only (refused for other types): issuing state as ICAO 9303 alpha-3 code, e.g. GBR, USA, DEU. ' +
          'CHN is not accepted: PRC citizens verify with their resident ID or Hong Kong/Macau card',
      }),
    ),
  },
  { additionalProperties: false },
)
export type RealNameBody = Static<typeof RealNameBody>

export const RealNameResult = Type.Object({ verified: Type.Literal(true), maskedName: Type.String() })
export type RealNameResult = Static<typeof RealNameResult>

export const SetPinBody = Type.Object({ pin: Pin, currentPin: Type.Optional(Pin) }, { additionalProperties: false })
export type SetPinBody = Static<typeof SetPinBody>

export const PinResetBody = Type.Object(
  {
    code: Type.Optional(PhoneCode),
    idNumber: RealNameBody.properties.idNumber,
    documentType: RealNameBody.properties.documentType,
    country: RealNameBody.properties.country,
    pin: Pin,
  },
  { additionalProperties: false },
)
export type PinResetBody = Static<typeof PinResetBody>

export const SmsOutboxList = Type.Object({
  sandbox: Type.Boolean({ description: 'false with a real provider: then nothing is kept here' }),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      phone: Type.String(),
      purpose: PhoneCodeBody.properties.purpose,
      text: Type.String({ description: 'The SMS as it would have been sent, code included' }),
      sentAt: Type.String({ format: 'date-time' }),
    }),
  ),
})
export type SmsOutboxList = Static<typeof SmsOutboxList>

export const UserLookupQuery = Type.Object({ phone: Type.String({ minLength: 1, maxLength: 32 }) })

export const UserSummary = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  maskedName: Type.Union([Type.String(), Type.Null()]),
})
export type UserSummary = Static<typeof UserSummary>

export const UserLookupResult = Type.Object({ items: Type.Array(UserSummary) })

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 128 }), newPassword: Password },
  { additionalProperties: false },
)
export type ChangePasswordBody = Static<typeof ChangePasswordBody>

export const SessionView = Type.Object({
  id: Type.String({ description: 'Opaque; names the session for revoking it, and is neither the token nor its hash' }),
  current: Type.Boolean({ description: 'The session this request came with' }),
  userAgent: Type.Union([Type.String(), Type.Null()], { description: 'As sent when the session was opened' }),
  address: Type.Union([Type.String(), Type.Null()], { description: 'Client address of the latest use' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time', description: 'Accurate to about a minute' }),
})
export type SessionView = Static<typeof SessionView>

export const SessionList = Type.Object({ items: Type.Array(SessionView) })
export type SessionList = Static<typeof SessionList>

export const SessionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
export type SessionParams = Static<typeof SessionParams>
