import { describe, expect, it } from 'vitest'
import { isSimplePin } from '../../../src/shared/validation/pin.js'

describe('isSimplePin', () => {
  it.each(['000000', '111111', '123456', '234567', '654321', '987654', '890123', '210987'])(
    '%s is too simple',
    (pin) => {
      expect(isSimplePin(pin)).toBe(true)
    },
  )

  it.each(['135790', '482916', '112233', '121212', '246810', '12345'])('%s is not refused as simple', (pin) => {
    expect(isSimplePin(pin)).toBe(false)
  })
})
