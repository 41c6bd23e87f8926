/** Mainland China mobile: 11 digits starting 13–19. */
export const CN_MOBILE = /^1[3-9]\d{9}$/
/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/
/** What the API accepts as a phone, before normalisation. */
export const PHONE_PATTERN = '^(1[3-9]\\d{9}|\\+[1-9]\\d{6,14})$'

/**
 * One canonical form per phone, so that +8613800138000 and 13800138000 are the same account.
 * Returns undefined for anything that is not a phone number.
 */
export function normalisePhone(input: string): string | undefined {
  const phone = input.trim()
  if (CN_MOBILE.test(phone)) return phone
  if (!E164.test(phone)) return undefined
  const national = phone.startsWith('+86') ? phone.slice(3) : undefined
  if (national !== undefined) return CN_MOBILE.test(national) ? national : undefined
  return phone
}

/** 13800138000 → 138****8000; other numbers keep their first 4 and last 2 digits. */
export function maskPhone(phone: string): string {
  if (CN_MOBILE.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`
  return phone.length <= 6 ? phone : `${phone.slice(0, 4)}${'*'.repeat(phone.length - 6)}${phone.slice(-2)}`
}
