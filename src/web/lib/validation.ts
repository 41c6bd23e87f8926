import type { RealNameBody } from '../../shared/api/accounts.js'
import { normalisePassportCountry } from '../../shared/validation/countries.js'
import {
  asksForBirthDate,
  checkDocumentNumber,
  isPlausibleBirthDate,
  type DocumentType,
} from '../../shared/validation/id-documents.js'
import { normalisePhone } from '../../shared/validation/phone.js'

/** The phone in the API's canonical form, ignoring the spaces and dashes people type; undefined if invalid. */
export function parsePhone(input: string): string | undefined {
  return normalisePhone(input.replace(/[\s-]/g, ''))
}

const DOCUMENT_EXAMPLES: Record<DocumentType, string> = {
  'cn-resident': '11010519491231002X',
  'hk-id': 'A123456(3)',
  'mo-id': '1234567(8)',
  'tw-id': 'A123456789',
  'hk-mo-permit': 'H12345678',
  'tw-permit': '12345678',
  passport: 'L898902C3',
}

export interface RealNameDocumentInput {
  documentType: DocumentType
  idNumber: string
  birthDate: string
  country: string
}

type IdNumberProblem =
  | { key: 'validation.idNumberFormat' | 'validation.idNumberInvalid' | 'validation.documentChecksum' }
  | { key: 'validation.documentFormat'; params: { example: string } }

/**
 * The same rules the server applies (shared validators), for a message before the round trip; the server
 * repeats them and adds the age rule and the one-document-one-account check. `body` is set when all pass.
 */
export function checkRealNameDocument(
  input: RealNameDocumentInput,
  today: string,
): {
  body?: Omit<RealNameBody, 'name'>
  problems: {
    idNumber?: IdNumberProblem | undefined
    birthDate?: 'validation.birthDateRequired' | 'validation.birthDateInvalid' | undefined
    country?: 'validation.countryInvalid' | undefined
  }
} {
  const { documentType } = input
  const check = checkDocumentNumber(documentType, input.idNumber, today)
  const idNumber: IdNumberProblem | undefined = check.valid
    ? undefined
    : documentType === 'cn-resident'
      ? { key: check.reason === 'format' ? 'validation.idNumberFormat' : 'validation.idNumberInvalid' }
      : check.reason === 'checksum'
        ? { key: 'validation.documentChecksum' }
        : { key: 'validation.documentFormat', params: { example: DOCUMENT_EXAMPLES[documentType] } }
  const birthDate: 'validation.birthDateRequired' | 'validation.birthDateInvalid' | undefined = !asksForBirthDate(
    documentType,
  )
    ? undefined
    : !input.birthDate
      ? 'validation.birthDateRequired'
      : isPlausibleBirthDate(input.birthDate, today)
        ? undefined
        : 'validation.birthDateInvalid'
  const country =
    documentType === 'passport' && !normalisePassportCountry(input.country)
      ? ('validation.countryInvalid' as const)
      : undefined
  const problems = { idNumber, birthDate, country }
  if (idNumber || birthDate || country) return { problems }
  return {
    problems,
    body: {
      idNumber: input.idNumber.trim(),
      documentType,
      ...(asksForBirthDate(documentType) ? { birthDate: input.birthDate } : {}),
      ...(documentType === 'passport' ? { country: input.country.trim().toUpperCase() } : {}),
    },
  }
}

export const PIN_LENGTH = 6
export const MIN_PASSWORD_LENGTH = 8
export const MAX_DISPLAY_NAME_LENGTH = 32
export const GROUP_NAME_MAX = 30
