import { checkCharacter } from '../../src/shared/validation/id-number.js'
import { hkIdCheckCharacter, icaoCheckDigit, twIdCheckDigit } from '../../src/shared/validation/id-documents.js'

let sequence = 0

/** A valid 18-digit ID number for someone born on `birthDate` (YYYY-MM-DD), different on every call. */
export function makeIdNumber(birthDate = '1990-05-17', region = '110105'): string {
  sequence = (sequence + 1) % 1000
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`
  return first17 + checkCharacter(first17)
}

let serial = 0
/** `length` digits, different on every call, for the numbers below. */
function nextDigits(length: number): string {
  serial = (serial + 1) % 10 ** length
  return String(serial).padStart(length, '0')
}

/** A valid Hong Kong identity card number with its check character, e.g. `A1234563`; `letters` is one or two. */
export function makeHkId(letters = 'K'): string {
  const body = `${letters}${nextDigits(6)}`
  return body + hkIdCheckCharacter(body)
}

/** A valid Taiwan ID; `second` is 1 or 2 for citizens, 8 or 9 for the 2021 resident Uniform ID. */
export function makeTwId(letter = 'F', second = '1'): string {
  const body = `${letter}${second}${nextDigits(7)}`
  return body + twIdCheckDigit(body)
}

export function makeMoId(first = '5'): string {
  return `${first}${nextDigits(7)}`
}

export function makeHkMoPermit(prefix = 'H'): string {
  return `${prefix}${nextDigits(8)}`
}

export function makeTwPermit(): string {
  return nextDigits(8)
}

/** A passport number and its machine-readable field with the ICAO 9303 check digit. */
export function makePassport(): { number: string; mrz: string } {
  const number = `P${nextDigits(7)}`
  const field = number.padEnd(9, '<')
  return { number, mrz: field + icaoCheckDigit(field) }
}
