import { checkIdNumber, chinaDate } from '../../shared/validation/id-number.js'
import { normalisePhone } from '../../shared/validation/phone.js'

/** The phone in the API's canonical form, ignoring the spaces and dashes people type; undefined if invalid. */
export function parsePhone(input: string): string | undefined {
  return normalisePhone(input.replace(/[\s-]/g, ''))
}

/** Checks shape, region, date and GB 11643 checksum; the server repeats them and adds the age rule. */
export function parseIdNumber(input: string): { idNumber: string } | { problem: 'format' | 'invalid' } {
  const check = checkIdNumber(input.replace(/\s/g, ''), chinaDate(new Date()))
  if (check.valid) return { idNumber: check.normalised }
  return { problem: check.reason === 'format' ? 'format' : 'invalid' }
}

export const PIN_LENGTH = 6
export const MIN_PASSWORD_LENGTH = 8
export const MAX_DISPLAY_NAME_LENGTH = 32
export const GROUP_NAME_MAX = 30
