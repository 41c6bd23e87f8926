import { describe, expect, it } from 'vitest'
import { containsKeyword, foldForMatching, isNameText } from '../../../src/shared/validation/text.js'

describe('isNameText', () => {
  it.each(['王小明', 'محمد', 'דוד', '👨‍👩‍👧', 'علی‌رضا', '☺️', 'a\u200fb', ' 小 明 '])('lets %s through', (name) => {
    expect(isNameText(name)).toBe(true)
  })

  it.each([
    ['a direction override', 'abc\u202eexe.gpj'],
    ['a direction isolate', '\u2067abc\u2069'],
    ['only zero-width characters', '\u200b\u200d'],
    ['only Hangul fillers', '\u3164\u115f\u1160\uffa0'],
    ['only variation selectors', '\ufe0f'],
    ['only whitespace and a blank Braille cell', '\u3000\u2800'],
    ['half a surrogate pair', 'ab\ud800'],
    ['nothing', ''],
  ])('refuses %s', (_, name) => {
    expect(isNameText(name)).toBe(false)
  })
})

describe('containsKeyword', () => {
  it('sees through full-width forms, invisible characters and case, on either side', () => {
    expect(containsKeyword('加\u200b微信 领福利', ['加微信'])).toBe(true)
    expect(containsKeyword('ｈｔｔｐｓ：／／evil.example', ['https://'])).toBe(true)
    expect(containsKeyword('SPOILER', ['ｓｐｏｉｌ\u00adｅｒ'])).toBe(true)
  })

  it('keeps words apart that a space separates, and ignores a keyword that folds to nothing', () => {
    expect(containsKeyword('is expensive', ['sex'])).toBe(false)
    expect(containsKeyword('好球', ['\u200b'])).toBe(false)
  })

  it('only folds for matching', () => {
    expect(foldForMatching('Ａ\u200bB')).toBe('ab')
  })
})
