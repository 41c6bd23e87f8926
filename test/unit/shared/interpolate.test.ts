import { describe, expect, it } from 'vitest'
import { errorCatalogs } from '../../../src/shared/i18n/errors/index.js'
import { interpolate } from '../../../src/shared/i18n/interpolate.js'

describe('error message localisation', () => {
  it('fills placeholders in each language', () => {
    expect(interpolate(errorCatalogs.en.PIN_INCORRECT, { attemptsLeft: 3 })).toBe('Wrong payment PIN. 3 attempts left.')
    expect(interpolate(errorCatalogs['zh-Hans'].PIN_INCORRECT, { attemptsLeft: 3 })).toBe(
      '支付密码错误，还可以尝试 3 次。',
    )
    expect(interpolate(errorCatalogs['zh-Hant'].PIN_INCORRECT, { attemptsLeft: 3 })).toBe(
      '支付密碼錯誤，還可以嘗試 3 次。',
    )
  })

  it('leaves unknown placeholders visible rather than inventing a value', () => {
    expect(interpolate('{{a}} and {{b}}', { a: 1 })).toBe('1 and {{b}}')
  })

  it('does not read inherited properties as parameters', () => {
    expect(interpolate('{{constructor}}', {})).toBe('{{constructor}}')
  })
})
