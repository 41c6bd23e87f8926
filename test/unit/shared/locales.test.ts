import { describe, expect, it } from 'vitest'
import { localeForTag, localeFromAcceptLanguage } from '../../../src/shared/i18n/locales.js'

describe('localeForTag', () => {
  it.each([
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-Hans-CN', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['zh_TW', 'zh-Hant'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['fr-FR', undefined],
  ])('%s → %s', (tag, locale) => {
    expect(localeForTag(tag)).toBe(locale)
  })
})

describe('localeFromAcceptLanguage', () => {
  it('takes the highest-weighted language we have', () => {
    expect(localeFromAcceptLanguage('fr-FR,fr;q=0.9,zh-TW;q=0.8,en;q=0.7')).toBe('zh-Hant')
    expect(localeFromAcceptLanguage('en;q=0.5, zh-HK;q=0.9')).toBe('zh-Hant')
    expect(localeFromAcceptLanguage('de, ja')).toBeUndefined()
    expect(localeFromAcceptLanguage('zh-CN;q=0, en')).toBe('en')
    expect(localeFromAcceptLanguage(undefined)).toBeUndefined()
  })
})
