import { useTranslation } from 'react-i18next'
import type { OrderStatus, OrderView } from '../../api/commerce-types.js'
import { useCountdown } from '../../lib/use-countdown.js'
import { useFormat } from '../../lib/use-format.js'
import { CheckIcon } from '../icons.js'
import { orderStage } from './order-badge.js'

/** The coloured head of an order page: where it stands and what happens next, with the live countdown. */
export function OrderHero({ order, meId }: { order: OrderView; meId: string }) {
  const { t } = useTranslation()
  const stage = orderStage(order)
  return (
    <section className={`order-hero order-hero--${stage}`} aria-live="polite">
      <h2 className="order-hero__title" data-testid="order-headline">
        {t(`orderStatus.${stage}`)}
      </h2>
      <OrderHint order={order} meId={meId} />
    </section>
  )
}

function OrderHint({ order, meId }: { order: OrderView; meId: string }) {
  const { t } = useTranslation()
  const format = useFormat()
  const closesIn = useCountdown(order.status === 'created' ? order.expiresAt : null)
  const askLeft = useCountdown(order.status === 'created' ? order.payRequest?.expiresAt : null)
  const confirmsIn = useCountdown(order.status === 'shipped' && !order.refundRequested ? order.autoConfirmAt : null)
  const amount = format.money(order.total)
  const lines: string[] = []

  switch (order.status) {
    case 'created':
      if (order.role === 'payer') lines.push(t('order.askedYou', { name: order.buyer.displayName }))
      else if (order.role === 'seller') lines.push(t('order.sellerWaitsPayment'))
      else if (order.payRequest) {
        const name = order.payRequest.friend.displayName
        lines.push(askLeft ? t('order.askedFriend', { name, time: askLeft }) : t('order.askedExpired', { name }))
      }
      if (closesIn) lines.push(t('order.closesIn', { time: closesIn }))
      break
    case 'paid':
      lines.push(
        order.role === 'seller'
          ? t('order.paidSeller')
          : order.role === 'payer'
            ? t('order.paidPayer', { amount, name: order.buyer.displayName })
            : t('order.paidBuyer'),
      )
      break
    case 'shipped':
      if (order.refundRequested) {
        lines.push(order.role === 'seller' ? t('order.refundAsked') : t('order.refundPaused'))
      } else if (confirmsIn) lines.push(t('order.autoConfirmIn', { time: confirmsIn }))
      break
    case 'completed':
      lines.push(
        order.role === 'seller'
          ? t('order.completedSeller', { amount })
          : order.role === 'payer'
            ? t('order.paidPayer', { amount, name: order.buyer.displayName })
            : t('order.completedBuyer', { amount }),
      )
      break
    case 'refunded': {
      const payer = order.paidBy ?? order.buyer
      lines.push(
        payer.id === meId
          ? t('order.refundedToYou', { amount })
          : t('order.refundedTo', { amount, name: payer.displayName }),
      )
      break
    }
    case 'closed':
      lines.push(t('order.closedHint'))
      break
  }
  return lines.map((line) => (
    <p key={line} className="order-hero__hint">
      {line}
    </p>
  ))
}

const HAPPY_PATH: readonly OrderStatus[] = ['created', 'paid', 'shipped', 'completed']

/** 下单 → 付款 → 发货 → 收货, or the road to 退款 / 关闭, each reached step ticked. */
function stepsOf(order: OrderView): OrderStatus[] {
  if (order.status === 'closed') return ['created', 'closed']
  if (order.status !== 'refunded') return [...HAPPY_PATH]
  const reached = new Set(order.timeline.map((entry) => entry.status))
  return [...HAPPY_PATH.filter((status) => status !== 'completed' && reached.has(status)), 'refunded']
}

const STEP_LABEL = {
  created: 'order.stepCreated',
  paid: 'order.stepPaid',
  shipped: 'order.stepShipped',
  completed: 'order.stepCompleted',
  refunded: 'order.stepRefunded',
  closed: 'order.stepClosed',
} as const

export function OrderSteps({ order }: { order: OrderView }) {
  const { t } = useTranslation()
  const steps = stepsOf(order)
  const current = steps.indexOf(order.status)
  return (
    <ol className="order-steps" aria-label={t('order.steps')}>
      {steps.map((status, index) => (
        <li
          key={status}
          className={`order-steps__step${index <= current ? ' order-steps__step--done' : ''}`}
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="order-steps__dot" aria-hidden="true">
            {index <= current && <CheckIcon size={12} />}
          </span>
          <span className="order-steps__label">{t(STEP_LABEL[status])}</span>
        </li>
      ))}
    </ol>
  )
}

/** Every event of the order with its time, newest first. */
export function OrderHistory({ order }: { order: OrderView }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <section className="card order-history" aria-labelledby="order-history-heading">
      <h2 className="order-history__heading" id="order-history-heading">
        {t('order.history')}
      </h2>
      <OrderSteps order={order} />
      <ol className="order-history__list" data-testid="order-timeline">
        {[...order.timeline].reverse().map((entry, index) => (
          <li key={`${entry.status}-${entry.at}`} className={index === 0 ? 'order-history__latest' : undefined}>
            <span className="order-history__event">{t(`order.event.${entry.status}`)}</span>
            <time className="order-history__time" dateTime={entry.at}>
              {format.time(entry.at)}
            </time>
          </li>
        ))}
      </ol>
    </section>
  )
}
