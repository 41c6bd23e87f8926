import type { Locale } from '../i18n/locales.js'
import { checkIdNumber } from './id-number.js'

/**
 * Identity documents accepted for real-name verification. Only the mainland resident ID (and the residence
 * permits that share its format) encodes a birth date; every other type asks for it separately.
 */
export const DOCUMENT_TYPES = [
  'cn-resident',
  'hk-id',
  'mo-id',
  'tw-id',
  'hk-mo-permit',
  'tw-permit',
  'passport',
] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

export type DocumentProblem = 'format' | 'region' | 'date' | 'checksum'
/** `birthDate` only where the number encodes it. */
export type DocumentCheck =
  { valid: true; normalised: string; birthDate?: string } | { valid: false; reason: DocumentProblem }

const HANT_ORDER: readonly DocumentType[] = [
  'hk-id',
  'mo-id',
  'tw-id',
  'hk-mo-permit',
  'tw-permit',
  'cn-resident',
  'passport',
]

/** Readers of Traditional Chinese are mostly from Hong Kong, Macau and Taiwan: their documents come first. */
export function documentTypesFor(locale: Locale): readonly DocumentType[] {
  return locale === 'zh-Hant' ? HANT_ORDER : DOCUMENT_TYPES
}

/** Whether the form must ask for the birth date. */
export function asksForBirthDate(type: DocumentType): boolean {
  return type !== 'cn-resident'
}

/** Spaces, parentheses and dashes are how people write these numbers, not part of them. */
function compact(input: string): string {
  return input.replace(/[\s()（）-]/g, '').toUpperCase()
}

const valid = (normalised: string): DocumentCheck => ({ valid: true, normalised })
const invalid = (reason: DocumentProblem): DocumentCheck => ({ valid: false, reason })

/** Letters count A = 10 … Z = 35, as in both the HKID and the ICAO 9303 check digits. */
function letterValue(char: string): number {
  return char.charCodeAt(0) - 55
}

/**
 * Hong Kong identity card (Registration of Persons Ordinance, Cap. 177): one or two letters, six digits and a
 * check character, written A123456(3). Check: weights 9…2 over eight positions, a missing second letter counts
 * as a space worth 36, letters A = 10 … Z = 35; check = 11 − (sum mod 11), where 10 is written A and 11 is 0.
 */
export function checkHkId(input: string): DocumentCheck {
  const id = compact(input)
  if (!/^[A-Z]{1,2}\d{6}[\dA]$/.test(id)) return invalid('format')
  if (hkIdCheckCharacter(id.slice(0, -1)) !== id.slice(-1)) return invalid('checksum')
  return valid(id)
}

/** The check character for the letters and six digits of an HKID. */
export function hkIdCheckCharacter(body: string): string {
  const padded = body.length === 7 ? ` ${body}` : body
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const char = padded.charAt(i)
    const value = char === ' ' ? 36 : /\d/.test(char) ? Number(char) : letterValue(char)
    sum += value * (9 - i)
  }
  const check = 11 - (sum % 11)
  return check === 10 ? 'A' : check === 11 ? '0' : String(check)
}

// Taiwan's area letters and their two-digit values (Ministry of the Interior); I, O, W, X, Y, Z came later.
const TW_LETTER_VALUES = 'ABCDEFGHJKLMNPQRSTUVXYWZIO'
const TW_WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1] // and 1 for the check digit itself

/**
 * Taiwan national identification number (國民身分證統一編號): area letter, 1 or 2 (sex), seven digits and a
 * check digit. Also the 2021 Uniform ID of residents without household registration (新式統一證號), second
 * digit 8 or 9, which the National Immigration Agency defined with the same checksum. The letter becomes two
 * digits (A = 10 … in the ministry's order), weights 1,9,8,…,2,1,1 over the eleven digits, sum ≡ 0 (mod 10).
 */
export function checkTwId(input: string): DocumentCheck {
  const id = compact(input)
  if (!/^[A-Z][1289]\d{8}$/.test(id)) return invalid('format')
  return twIdCheckDigit(id.slice(0, 9)) === id.charAt(9) ? valid(id) : invalid('checksum')
}

/** The digit that makes a Taiwan ID's weighted sum a multiple of ten, for its letter and first eight digits. */
export function twIdCheckDigit(body: string): string {
  const digits = `${TW_LETTER_VALUES.indexOf(body.charAt(0)) + 10}${body.slice(1)}`
  let sum = 0
  for (let i = 0; i < 10; i++) sum += Number(digits[i]) * (TW_WEIGHTS[i] ?? 0)
  return String((10 - (sum % 10)) % 10)
}

/**
 * Macau resident identity card (BIR): 1, 5 or 7 then six digits and a digit written in parentheses,
 * 1234567(8). The Identification Services Bureau publishes no check-digit rule, so only the format is checked.
 */
export function checkMoId(input: string): DocumentCheck {
  const id = compact(input)
  return /^[157]\d{7}$/.test(id) ? valid(id) : invalid('format')
}

/**
 * Mainland Travel Permit for Hong Kong and Macau Residents (港澳居民來往內地通行證): H (Hong Kong) or M (Macau) and
 * eight digits, kept for life; older cards add a two-digit issue count, which is dropped so a renewed card is the
 * same person. No check-digit rule is published: format only.
 */
export function checkHkMoPermit(input: string): DocumentCheck {
  const id = compact(input)
  return /^[HM]\d{8}(\d{2})?$/.test(id) ? valid(id.slice(0, 9)) : invalid('format')
}

/**
 * Mainland Travel Permit for Taiwan Residents (台灣居民來往大陸通行證, since 2015): eight digits kept for life,
 * sometimes written with a two-digit issue count, which is dropped. No check-digit rule is published: format only.
 */
export function checkTwPermit(input: string): DocumentCheck {
  const id = compact(input)
  return /^\d{8}(\d{2})?$/.test(id) ? valid(id.slice(0, 8)) : invalid('format')
}

/**
 * Foreign passport number: ICAO Doc 9303 Part 4 document-number field, one to nine letters or digits.
 * Typed as printed (L898902C3), or as the machine-readable zone shows it with its check digit: the nine-character
 * field padded with < and the digit (L898902C36, AB1234<<<5, or L898902C3<6). A number with a check digit must
 * match it (Part 3 §4.9: weights 7,3,1, A = 10 … Z = 35, < = 0, sum mod 10).
 */
export function checkPassportNumber(input: string): DocumentCheck {
  const id = input.replace(/\s/g, '').toUpperCase()
  if (/^[A-Z0-9]{1,9}$/.test(id)) return valid(id)
  const mrz = /^([A-Z0-9]{1,9})<*(\d)$/.exec(id)
  if (!mrz?.[1] || !mrz[2] || (id.length !== 10 && !id.includes('<'))) return invalid('format')
  return icaoCheckDigit(mrz[1].padEnd(9, '<')) === mrz[2] ? valid(mrz[1]) : invalid('checksum')
}

/** ICAO 9303 check digit of a machine-readable field. */
export function icaoCheckDigit(field: string): string {
  const weights = [7, 3, 1]
  let sum = 0
  for (let i = 0; i < field.length; i++) {
    const char = field.charAt(i)
    const value = char === '<' ? 0 : /\d/.test(char) ? Number(char) : letterValue(char)
    sum += value * (weights[i % 3] ?? 0)
  }
  return String(sum % 10)
}

/** The number checked by its type's rule; for cn-resident also its region and encoded birth date. */
export function checkDocumentNumber(type: DocumentType, input: string, today: string): DocumentCheck {
  switch (type) {
    case 'cn-resident': {
      return checkIdNumber(input, today)
    }
    case 'hk-id':
      return checkHkId(input)
    case 'mo-id':
      return checkMoId(input)
    case 'tw-id':
      return checkTwId(input)
    case 'hk-mo-permit':
      return checkHkMoPermit(input)
    case 'tw-permit':
      return checkTwPermit(input)
    case 'passport':
      return checkPassportNumber(input)
  }
}

/** A birth date typed by the user: a real YYYY-MM-DD, not in the future, not before 1900. */
export function isPlausibleBirthDate(birthDate: string, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return false
  const date = new Date(`${birthDate}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birthDate) return false
  return birthDate <= today && birthDate >= '1900-01-01'
}
