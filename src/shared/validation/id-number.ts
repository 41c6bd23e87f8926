/**
 * PRC resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence,
 * ISO 7064 MOD 11-2 check character. Also the residence permits of Hong Kong, Macau (81, 82) and Taiwan (83)
 * residents, and the 2023 foreigners' permanent residence ID (9 + province code). 15-digit numbers are refused.
 */
export type IdNumberCheck =
  | { valid: true; normalised: string; birthDate: string }
  | { valid: false; reason: 'format' | 'region' | 'date' | 'checksum' }

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'
const PROVINCE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
]

export function isProvinceCode(code: number): boolean {
  return PROVINCE_RANGES.some(([low, high]) => code >= low && code <= high)
}

function isRegionValid(id: string): boolean {
  const leading = Number(id.slice(0, 2))
  if (isProvinceCode(leading) || leading === 81 || leading === 82 || leading === 83) return true
  return id[0] === '9' && isProvinceCode(Number(id.slice(1, 3)))
}

export function checkCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS.charAt(sum % 11)
}

/** `today` is the date in China (YYYY-MM-DD); a birth date after it is refused. */
export function checkIdNumber(input: string, today: string): IdNumberCheck {
  const id = input.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, reason: 'format' }
  if (!isRegionValid(id)) return { valid: false, reason: 'region' }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (!isRealDate(birthDate) || birthDate > today || birthDate < '1900-01-01') return { valid: false, reason: 'date' }
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return { valid: false, reason: 'checksum' }
  return { valid: true, normalised: id, birthDate }
}

function isRealDate(isoDate: string): boolean {
  const date = new Date(`${isoDate}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === isoDate
}

/** Whole years between a birth date and today, both YYYY-MM-DD. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1
}

/** The date in China, where the age rule applies. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** 王小明 → *小明, 李四 → *四: the surname is hidden, as Alipay shows it to friends. */
export function maskRealName(name: string): string {
  const chars = Array.from(name.trim())
  return chars.length <= 1 ? '*' : `*${chars.slice(1).join('')}`
}
