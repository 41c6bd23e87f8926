import { checkCharacter } from '../../src/shared/validation/id-number.js'

let sequence = 0

/** A valid 18-digit ID number for someone born on `birthDate` (YYYY-MM-DD), different on every call. */
export function makeIdNumber(birthDate = '1990-05-17', region = '110105'): string {
  sequence = (sequence + 1) % 1000
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`
  return first17 + checkCharacter(first17)
}
