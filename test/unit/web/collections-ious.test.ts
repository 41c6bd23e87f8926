import fc from 'fast-check'
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { NOTIFICATION_KINDS } from '../../../src/shared/api/notifications.js'
import { LOCALES } from '../../../src/shared/i18n/locales.js'
import { uiCatalogs } from '../../../src/shared/i18n/ui/index.js'
import { splitCollection } from '../../../src/server/collections/split.js'
import type { NotificationView } from '../../../src/web/api/notification-types.js'
import { splitShares } from '../../../src/web/lib/collection-split.js'
import { daysBetween, interestEstimate, parseRate } from '../../../src/web/lib/iou-terms.js'
import { notificationDetail, notificationLink, notificationText } from '../../../src/web/lib/notification-text.js'

describe('the collection form', () => {
  it('shows each share exactly as the server will ask it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 5_000_000 }), (members, fen) => {
        fc.pre(fen >= members)
        expect(splitShares('total', fen, members)).toEqual(splitCollection({ totalAmount: fen }, members, 5_000_000))
        expect(splitShares('each', fen, members)).toEqual(splitCollection({ amountPerMember: fen }, members, 5_000_000))
      }),
    )
  })
})

describe('the IOU form', () => {
  it('estimates simple interest by day, in whole fen down', () => {
    // 100,000 fen × 12% × 305 / 365 = 10,027.39…
    expect(interestEstimate(100_000, 12, daysBetween('2026-03-01', '2026-12-31'))).toBe(10_027)
    expect(interestEstimate(50_000, 0, 30)).toBe(0)
    expect(interestEstimate(1, 12, 1)).toBe(0)
  })

  it('reads a rate of at most two decimals', () => {
    expect([parseRate('3.65'), parseRate('12'), parseRate('0')]).toEqual([3.65, 12, 0])
    expect([parseRate('3.655'), parseRate('-1'), parseRate(''), parseRate('1e2')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })
})

describe('notifications of collections and IOUs', () => {
  const money = (fen: number) => `¥${(fen / 100).toFixed(2)}`
  const moneyKinds = NOTIFICATION_KINDS.filter((kind) => kind.startsWith('collection.') || kind.startsWith('iou.'))
  const of = (kind: string, data: Record<string, unknown>): NotificationView => ({
    id: '1',
    kind,
    actor: { id: 'u', displayName: '小明', maskedName: null, avatarUrl: null },
    ref: { type: kind.split('.')[0]!, id: 'x1' },
    data,
    read: false,
    createdAt: new Date(0).toISOString(),
  })

  it.each(LOCALES)('reads each kind as its own sentence in %s', async (locale) => {
    const instance = i18next.createInstance()
    await instance.init({ lng: locale, resources: { [locale]: { translation: uiCatalogs[locale] } } })
    const lines = moneyKinds.map((kind) => notificationText(of(kind, {}), instance.t))
    expect(new Set(lines).size).toBe(moneyKinds.length)
    for (const line of lines) expect(line).not.toMatch(/notifications\.|\{\{/)
    expect(lines.filter((line) => line.includes('小明'))).toHaveLength(9)
  })

  it('shows the amount and what it was for, and opens the page of the thing', () => {
    const paid = of('collection.paid', { amount: 334, currency: 'CNY', title: '周五聚餐' })
    expect(notificationDetail(paid, money)).toBe('¥3.34 · 周五聚餐')
    expect(notificationLink(paid)).toBe('/collections/x1')
    const asked = of('iou.requested', { amount: 50_000, note: '买电脑' })
    expect(notificationDetail(asked, money)).toBe('¥500.00 · 买电脑')
    expect(notificationLink(asked)).toBe('/ious/x1')
  })
})
