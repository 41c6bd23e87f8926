import { describe, expect, it } from 'vitest'
import { fenToYuanText, formatMoney, parseYuanToFen } from '../../../src/web/lib/money.js'

describe('parseYuanToFen', () => {
  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['0.01', 1],
    ['0.1', 10],
    ['１２.５', 1250],
    ['50000', 5_000_000],
    ['19.99', 1999],
  ])('reads %s as %i fen, with no float rounding', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen)
  })

  it.each(['12.345', '-1', 'abc', '', '+1', '1e3', '1,000', ' ', '.5.5'])('refuses %j', (text) => {
    expect(parseYuanToFen(text)).toBeUndefined()
  })
})

describe('formatMoney', () => {
  it('formats fen exactly in each language', () => {
    expect(formatMoney(123_456, 'zh-Hans')).toBe('¥1,234.56')
    expect(formatMoney(123_456, 'en')).toBe('¥1,234.56')
    expect(formatMoney(-1_234, 'zh-Hant', { signed: true })).toMatch(/^-¥12\.34$/)
    expect(formatMoney(1_234, 'en', { signed: true })).toBe('+¥12.34')
    expect(formatMoney(5_000, 'zh-Hans', { short: true })).toBe('¥50')
    expect(formatMoney(900_719_925_474_099, 'en')).toBe('¥9,007,199,254,740.99')
  })

  it('round-trips the amount a user typed', () => {
    expect(fenToYuanText(1_230)).toBe('12.30')
    expect(parseYuanToFen(fenToYuanText(98_765))).toBe(98_765)
  })
})
