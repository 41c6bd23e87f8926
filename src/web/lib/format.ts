export { maskPhone } from '../../shared/validation/phone.js'

/** The first letter (or CJK character) of a name, for an avatar placeholder. */
export function initialOf(name: string): string {
  const first = Array.from(name.trim())[0]
  return first ? first.toLocaleUpperCase() : '?'
}
