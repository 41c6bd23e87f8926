import { describe, expect, it } from 'vitest'
import { checkRealNameDocument } from '../../../src/web/lib/validation.js'

const TODAY = '2026-11-27'
const blank = { idNumber: '', birthDate: '', country: '' }

describe('checkRealNameDocument', () => {
  it('sends only the fields the document type takes', () => {
    expect(
      checkRealNameDocument({ ...blank, documentType: 'cn-resident', idNumber: '11010519491231002X' }, TODAY),
    ).toEqual({
      problems: { idNumber: undefined, birthDate: undefined, country: undefined },
      body: { idNumber: '11010519491231002X', documentType: 'cn-resident' },
    })
    expect(
      checkRealNameDocument(
        { documentType: 'passport', idNumber: ' L898902C36 ', birthDate: '1974-08-12', country: 'gbr' },
        TODAY,
      ).body,
    ).toEqual({ idNumber: 'L898902C36', documentType: 'passport', birthDate: '1974-08-12', country: 'GBR' })
  })

  it('names each problem with the message key the form shows', () => {
    const hk = checkRealNameDocument({ ...blank, documentType: 'hk-id', idNumber: 'A123456(4)' }, TODAY)
    expect(hk).toEqual({
      problems: {
        idNumber: { key: 'validation.documentChecksum' },
        birthDate: 'validation.birthDateRequired',
        country: undefined,
      },
    })
    const passport = checkRealNameDocument(
      { documentType: 'passport', idNumber: 'L8989-02', birthDate: '2030-01-01', country: 'CHN' },
      TODAY,
    )
    expect(passport.problems).toEqual({
      idNumber: { key: 'validation.documentFormat', params: { example: 'L898902C3' } },
      birthDate: 'validation.birthDateInvalid',
      country: 'validation.countryInvalid',
    })
    expect(
      checkRealNameDocument({ ...blank, documentType: 'cn-resident', idNumber: '12345' }, TODAY).problems.idNumber,
    ).toEqual({
      key: 'validation.idNumberFormat',
    })
  })
})
