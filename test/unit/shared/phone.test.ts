import { describe, expect, it } from 'vitest'
import { maskPhone, normalisePhone } from '../../../src/shared/validation/phone.js'

describe('normalisePhone', () => {
  it('keeps mainland mobiles and folds +86 into them', () => {
    expect(normalisePhone('13800138000')).toBe('13800138000')
    expect(normalisePhone('+8613800138000')).toBe('13800138000')
  })

  it('keeps other E.164 numbers and refuses the rest', () => {
    expect(normalisePhone('+447700900123')).toBe('+447700900123')
    expect(normalisePhone('+8612345')).toBeUndefined()
    expect(normalisePhone('12800138000')).toBeUndefined()
    expect(normalisePhone('1380013800')).toBeUndefined()
    expect(normalisePhone('+0123456789')).toBeUndefined()
  })

  it('masks the middle digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000')
    expect(maskPhone('+447700900123')).toBe('+447*******23')
  })
})
