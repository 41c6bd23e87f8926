import { describe, expect, it } from 'vitest'
import {
  ageOn,
  checkCharacter,
  checkIdNumber,
  chinaDate,
  maskRealName,
} from '../../../src/shared/validation/id-number.js'

const TODAY = '2026-11-27'

function withCheck(first17: string): string {
  return first17 + checkCharacter(first17)
}

describe('checkIdNumber', () => {
  it('accepts the GB 11643 standard example 11010519491231002X', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      valid: true,
      normalised: '11010519491231002X',
      birthDate: '1949-12-31',
    })
  })

  it('accepts a lowercase x as the check character', () => {
    expect(checkIdNumber('11010519491231002x', TODAY)).toMatchObject({ valid: true, normalised: '11010519491231002X' })
  })

  it('refuses a wrong check character', () => {
    expect(checkIdNumber('110105194912310021', TODAY)).toEqual({ valid: false, reason: 'checksum' })
  })

  it('refuses an impossible calendar date', () => {
    expect(checkIdNumber(withCheck('11010519900230001'), TODAY)).toEqual({ valid: false, reason: 'date' })
    expect(checkIdNumber(withCheck('11010519901301001'), TODAY)).toEqual({ valid: false, reason: 'date' })
    expect(checkIdNumber(withCheck('11010519890229001'), TODAY)).toEqual({ valid: false, reason: 'date' })
  })

  it('accepts 29 February in a leap year', () => {
    expect(checkIdNumber(withCheck('11010519880229001'), TODAY)).toMatchObject({ valid: true })
  })

  it('refuses a birth date in the future', () => {
    expect(checkIdNumber(withCheck('11010520261128001'), TODAY)).toEqual({ valid: false, reason: 'date' })
    expect(checkIdNumber(withCheck('11010520261127001'), TODAY)).toMatchObject({ valid: true })
  })

  it('refuses region codes outside the provinces', () => {
    for (const region of [
      '10',
      '16',
      '20',
      '24',
      '30',
      '38',
      '40',
      '47',
      '49',
      '55',
      '60',
      '66',
      '71',
      '80',
      '84',
      '99',
    ]) {
      expect(checkIdNumber(withCheck(`${region}010519900101001`), TODAY)).toEqual({ valid: false, reason: 'region' })
    }
  })

  it('accepts every province range and the HK, Macau and Taiwan residence permits', () => {
    for (const region of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '81', '82', '83']) {
      expect(checkIdNumber(withCheck(`${region}010519900101001`), TODAY)).toMatchObject({ valid: true })
    }
  })

  it('accepts the 2023 foreigners permanent residence ID (9 + province code) and no other 9xx', () => {
    expect(checkIdNumber(withCheck('91115619900101001'), TODAY)).toMatchObject({ valid: true })
    expect(checkIdNumber(withCheck('94415619900101001'), TODAY)).toMatchObject({ valid: true })
    expect(checkIdNumber(withCheck('99915619900101001'), TODAY)).toEqual({ valid: false, reason: 'region' })
  })

  it('refuses 15-digit first-generation numbers and anything not 17 digits + check', () => {
    expect(checkIdNumber('110105491231002', TODAY)).toEqual({ valid: false, reason: 'format' })
    expect(checkIdNumber('1101051949123100X2', TODAY)).toEqual({ valid: false, reason: 'format' })
    expect(checkIdNumber('11010519491231002XX', TODAY)).toEqual({ valid: false, reason: 'format' })
    expect(checkIdNumber('', TODAY)).toEqual({ valid: false, reason: 'format' })
    expect(checkIdNumber('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toEqual({ valid: false, reason: 'format' })
  })
})

describe('ageOn', () => {
  it('turns 18 on the birthday, not the day before', () => {
    expect(ageOn('2008-11-27', '2026-11-27')).toBe(18)
    expect(ageOn('2008-11-28', '2026-11-27')).toBe(17)
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
  })
})

describe('chinaDate', () => {
  it('is already tomorrow in China at 16:00 UTC', () => {
    expect(chinaDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27')
    expect(chinaDate(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28')
  })
})

describe('maskRealName', () => {
  it('hides the surname the way Alipay shows a friend', () => {
    expect(maskRealName('王小明')).toBe('*小明')
    expect(maskRealName('李四')).toBe('*四')
    expect(maskRealName('𠮷野家')).toBe('*野家')
  })
})
