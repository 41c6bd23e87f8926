import { describe, expect, it } from 'vitest'
import { normalisePassportCountry } from '../../../src/shared/validation/countries.js'
import {
  asksForBirthDate,
  checkDocumentNumber,
  checkHkId,
  checkHkMoPermit,
  checkMoId,
  checkPassportNumber,
  checkTwId,
  checkTwPermit,
  DOCUMENT_TYPES,
  documentTypesFor,
  icaoCheckDigit,
  isPlausibleBirthDate,
} from '../../../src/shared/validation/id-documents.js'
import { makeHkId, makeHkMoPermit, makeMoId, makePassport, makeTwId, makeTwPermit } from '../../helpers/id-numbers.js'

const TODAY = '2026-11-27'

/** Every other check character in place of the right one: exactly none of them may pass. */
function wrongLast(id: string, alphabet: string): string[] {
  return Array.from(alphabet)
    .filter((char) => char !== id.slice(-1))
    .map((char) => id.slice(0, -1) + char)
}

describe('checkHkId', () => {
  it('accepts the published example A123456(3), written in the usual ways', () => {
    for (const written of ['A123456(3)', 'A1234563', 'a123456 (3)', 'A123456（3）']) {
      expect(checkHkId(written)).toEqual({ valid: true, normalised: 'A1234563' })
    }
  })

  it('refuses A123456 with any other check character', () => {
    for (const id of wrongLast('A1234563', '0123456789A'))
      expect(checkHkId(id)).toEqual({ valid: false, reason: 'checksum' })
  })

  it('accepts generated one- and two-letter numbers, including those whose check is A or 0', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 300; i++) {
      const id = makeHkId(i % 2 ? 'XA' : 'Z')
      expect(checkHkId(id)).toMatchObject({ valid: true })
      for (const wrong of wrongLast(id, '0123456789A')) expect(checkHkId(wrong)).toMatchObject({ valid: false })
      seen.add(id.slice(-1))
    }
    expect(seen).toContain('A')
    expect(seen).toContain('0')
  })

  it.each(['1234567', 'A12345(6)', 'ABC123456(7)', 'A1234567B', 'A123456(B)'])('refuses the format of %s', (id) => {
    expect(checkHkId(id)).toEqual({ valid: false, reason: 'format' })
  })
})

describe('checkTwId', () => {
  it('accepts the published example A123456789 and refuses its nine neighbours', () => {
    expect(checkTwId('a123456789')).toEqual({ valid: true, normalised: 'A123456789' })
    for (const id of wrongLast('A123456789', '0123456789'))
      expect(checkTwId(id)).toEqual({ valid: false, reason: 'checksum' })
  })

  it('accepts generated numbers for every area letter, citizens (1, 2) and the 2021 resident Uniform ID (8, 9)', () => {
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      for (const second of '1289') {
        const id = makeTwId(letter, second)
        expect(checkTwId(id)).toMatchObject({ valid: true })
        for (const wrong of wrongLast(id, '0123456789')) expect(checkTwId(wrong)).toMatchObject({ valid: false })
      }
    }
  })

  it.each(['A323456789', 'AA23456789', '1123456789', 'A12345678'])('refuses the format of %s', (id) => {
    expect(checkTwId(id)).toEqual({ valid: false, reason: 'format' })
  })
})

describe('format-only documents', () => {
  it('Macau: 1, 5 or 7 and seven digits, as in 1234567(8)', () => {
    expect(checkMoId('1234567(8)')).toEqual({ valid: true, normalised: '12345678' })
    expect(checkMoId(makeMoId('7'))).toMatchObject({ valid: true })
    for (const id of ['2234567(8)', '123456(7)', 'A234567(8)'])
      expect(checkMoId(id)).toEqual({ valid: false, reason: 'format' })
  })

  it('HK/Macau permit: H or M and eight digits; the issue count is dropped', () => {
    expect(checkHkMoPermit('h12345678')).toEqual({ valid: true, normalised: 'H12345678' })
    expect(checkHkMoPermit('H1234567801')).toEqual({ valid: true, normalised: 'H12345678' })
    expect(checkHkMoPermit(makeHkMoPermit('M'))).toMatchObject({ valid: true })
    for (const id of ['K12345678', 'H1234567', 'H123456780', '12345678']) {
      expect(checkHkMoPermit(id)).toEqual({ valid: false, reason: 'format' })
    }
  })

  it('Taiwan permit: eight digits; the issue count is dropped', () => {
    expect(checkTwPermit('12345678')).toEqual({ valid: true, normalised: '12345678' })
    expect(checkTwPermit('12345678 01')).toEqual({ valid: true, normalised: '12345678' })
    expect(checkTwPermit(makeTwPermit())).toMatchObject({ valid: true })
    for (const id of ['1234567', '123456789', 'T1234567'])
      expect(checkTwPermit(id)).toEqual({ valid: false, reason: 'format' })
  })
})

describe('checkPassportNumber', () => {
  it('computes the ICAO 9303 specimen check digits: L898902C3 → 6 (Part 4), D23145890 → 7 (Part 5)', () => {
    expect(icaoCheckDigit('L898902C3')).toBe('6')
    expect(icaoCheckDigit('D23145890')).toBe('7')
  })

  it('accepts the bare number or the MRZ field with a matching check digit', () => {
    for (const written of ['L898902C3', 'l898902c3', 'L898902C36', 'L898902C3<6']) {
      expect(checkPassportNumber(written)).toEqual({ valid: true, normalised: 'L898902C3' })
    }
    const { number, mrz } = makePassport()
    expect(checkPassportNumber(mrz)).toEqual({ valid: true, normalised: number })
  })

  it('refuses a wrong check digit and malformed numbers', () => {
    for (const id of wrongLast('L898902C36', '0123456789')) {
      expect(checkPassportNumber(id)).toEqual({ valid: false, reason: 'checksum' })
    }
    for (const id of ['', 'L898902C3<', 'AB-12', '1234567890A', '<<<<5']) {
      expect(checkPassportNumber(id)).toEqual({ valid: false, reason: 'format' })
    }
  })

  it('knows ICAO issuing states and refuses CHN and made-up codes', () => {
    expect(['gbr', 'USA', 'DEU', 'GBN', 'XXA', 'TWN'].map(normalisePassportCountry)).toEqual([
      'GBR',
      'USA',
      'DEU',
      'GBN',
      'XXA',
      'TWN',
    ])
    for (const code of ['CHN', 'ABC', 'UK', 'GB']) expect(normalisePassportCountry(code)).toBeUndefined()
  })
})

describe('document types', () => {
  it('only the mainland number encodes the birth date', () => {
    expect(checkDocumentNumber('cn-resident', '11010519491231002X', TODAY)).toMatchObject({ birthDate: '1949-12-31' })
    expect(DOCUMENT_TYPES.filter(asksForBirthDate)).toEqual(DOCUMENT_TYPES.filter((type) => type !== 'cn-resident'))
  })

  it('puts the Hong Kong, Macau and Taiwan documents first in zh-Hant, the mainland ID first otherwise', () => {
    expect(documentTypesFor('zh-Hant')).toEqual([
      'hk-id',
      'mo-id',
      'tw-id',
      'hk-mo-permit',
      'tw-permit',
      'cn-resident',
      'passport',
    ])
    expect(documentTypesFor('zh-Hans')[0]).toBe('cn-resident')
    expect(documentTypesFor('en')[0]).toBe('cn-resident')
    expect([...documentTypesFor('zh-Hant')].sort()).toEqual([...DOCUMENT_TYPES].sort())
  })

  it('takes typed birth dates that are real and not in the future', () => {
    expect(isPlausibleBirthDate('2000-02-29', TODAY)).toBe(true)
    for (const date of ['1999-02-29', '2026-11-28', '1899-12-31', '1990-1-1', '19900101']) {
      expect(isPlausibleBirthDate(date, TODAY)).toBe(false)
    }
  })
})
