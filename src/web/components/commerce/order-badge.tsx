import { useTranslation } from 'react-i18next'
import type { OrderView } from '../../api/commerce-types.js'

/** Where an order stands, in the words of 淘宝's order tabs: 待付款, 待发货, 已发货, 交易成功…; a pending refund first. */
export function orderStage(order: Pick<OrderView, 'status' | 'refundRequested'>) {
  return order.refundRequested && (order.status === 'paid' || order.status === 'shipped')
    ? 'refundRequested'
    : order.status
}

export function OrderBadge({ order }: { order: Pick<OrderView, 'status' | 'refundRequested'> }) {
  const { t } = useTranslation()
  const stage = orderStage(order)
  return (
    <span className={`order-badge order-badge--${stage}`} data-testid="order-status">
      {t(`orderStatus.${stage}`)}
    </span>
  )
}
