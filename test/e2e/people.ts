import crypto from 'node:crypto'
import { checkCharacter } from '../../src/shared/validation/id-number.js'

/** A mainland mobile number nobody else in this run has. */
export function randomPhone(): string {
  return `139${String(crypto.randomInt(0, 100_000_000)).padStart(8, '0')}`
}

/** A valid ID number (GB 11643 checksum) of an adult born in 1990, with a random sequence code. */
export function randomAdultIdNumber(): string {
  const sequence = String(crypto.randomInt(0, 1000)).padStart(3, '0')
  const first17 = `11010519900517${sequence}`
  return first17 + checkCharacter(first17)
}
