import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { OrderView } from '../../api/commerce-types.js'
import { useFormat } from '../../lib/use-format.js'
import { Avatar } from '../avatar.js'
import { ItemSummary } from './item-summary.js'
import { OrderBadge } from './order-badge.js'

/** The other person in an order, as the viewer sees it: the seller for a buyer, the buyer for a seller or a 代付 friend. */
export function counterpartOf(order: OrderView) {
  return order.role === 'buyer' ? order.seller : order.buyer
}

export function OrderRow({ order }: { order: OrderView }) {
  const { t } = useTranslation()
  const format = useFormat()
  const other = counterpartOf(order)
  const who =
    order.role === 'buyer'
      ? t('orders.fromSeller', { name: other.displayName })
      : order.role === 'seller'
        ? t('orders.fromBuyer', { name: other.displayName })
        : t('orders.forBuyer', { name: other.displayName })
  return (
    <li>
      <Link className="card order-row" to={`/orders/${encodeURIComponent(order.id)}`} data-testid="order-row">
        <span className="order-row__head">
          <Avatar name={other.displayName} url={other.avatarUrl} size={22} />
          <span className="order-row__who">{who}</span>
          <OrderBadge order={order} />
        </span>
        <ItemSummary
          title={order.title}
          image={order.image}
          price={format.money(order.unitPrice)}
          quantity={t('orders.quantity', { count: order.quantity })}
        />
        <span className="order-row__total">{t('orders.total', { amount: format.money(order.total) })}</span>
      </Link>
    </li>
  )
}
