import { describe, expect, it } from 'vitest'
import { ConfigError, ENVIRONMENT_HELP, loadConfig } from '../../../src/server/config.js'

describe('LIFECIRCLE_IOU_RATE_CAP_PERCENT', () => {
  const cap = (value?: string) =>
    loadConfig(value === undefined ? {} : { LIFECIRCLE_IOU_RATE_CAP_PERCENT: value }).iouRateCapBasisPoints

  it('defaults to 12% and takes up to two decimals, as basis points', () => {
    expect(cap()).toBe(1200)
    expect(cap('12.4')).toBe(1240)
    expect(cap('15.05')).toBe(1505)
    expect(ENVIRONMENT_HELP).toContain('LIFECIRCLE_IOU_RATE_CAP_PERCENT')
  })

  it('refuses what is not a percentage above 0 and at most 100', () => {
    for (const bad of ['0', '12.345', 'twelve', '-1', '100.01', '1e2']) {
      expect(() => cap(bad), bad).toThrow(ConfigError)
    }
  })
})
