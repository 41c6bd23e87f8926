import { describe, expect, it } from 'vitest'
import { describeUserAgent } from '../../../src/web/lib/user-agent.js'

describe('describeUserAgent', () => {
  it('names browser and system, telling apart the browsers that also say Chrome or Safari', () => {
    const cases: Array<[string, string]> = [
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0',
        'Edge · Windows',
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
        'Safari · iOS',
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
        'Chrome · Android',
      ],
      [
        'Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0 MicroMessenger/8.0',
        'WeChat · HarmonyOS',
      ],
      ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:131.0) Gecko/20100101 Firefox/131.0', 'Firefox · macOS'],
      ['LifeCircle-iOS/2.1', 'LifeCircle'],
    ]
    for (const [userAgent, expected] of cases) expect(describeUserAgent(userAgent)).toBe(expected)
  })

  it('gives null for nothing it recognises, so the page says "unknown device" in its own language', () => {
    expect(describeUserAgent(null)).toBeNull()
    expect(describeUserAgent('curl/8.5.0')).toBeNull()
  })
})
