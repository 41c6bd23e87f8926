import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { OrderView } from '../../api/commerce-types.js'
import { useFormat } from '../../lib/use-format.js'
import { Avatar } from '../avatar.js'
import { PinIcon, TruckIcon } from '../icons.js'
import { ItemSummary } from './item-summary.js'
import { counterpartOf } from './order-row.js'

/** Where it goes and how it travels: buyer and seller only (the 代付 friend never receives these fields). */
export function OrderShipping({ order, onEditAddress }: { order: OrderView; onEditAddress?: () => void }) {
  const { t } = useTranslation()
  if (order.role === 'payer') return null
  return (
    <section className="card order-shipping">
      <div className="order-shipping__row">
        <PinIcon size={20} />
        <div className="order-shipping__text">
          <p className="order-shipping__label">{t('order.address')}</p>
          <p className="order-shipping__value" data-testid="order-address">
            {order.shippingAddress ?? <span className="muted">{t('order.noAddress')}</span>}
          </p>
        </div>
        {onEditAddress && (
          <button type="button" className="link-button" onClick={onEditAddress}>
            {t('order.editAddress')}
          </button>
        )}
      </div>
      {order.trackingNote && (
        <div className="order-shipping__row">
          <TruckIcon size={20} />
          <div className="order-shipping__text">
            <p className="order-shipping__label">{t('order.tracking')}</p>
            <p className="order-shipping__value" data-testid="order-tracking">
              {order.trackingNote}
            </p>
          </div>
        </div>
      )}
      {order.refundReason && (
        <div className="order-shipping__row order-shipping__row--plain">
          <div className="order-shipping__text">
            <p className="order-shipping__label">{t('order.refundReason')}</p>
            <p className="order-shipping__value">{order.refundReason}</p>
          </div>
        </div>
      )}
    </section>
  )
}

/** The counterpart, the item as ordered, and the sums. */
export function OrderItem({ order }: { order: OrderView }) {
  const { t } = useTranslation()
  const format = useFormat()
  const other = counterpartOf(order)
  const friendPaid = order.paidBy && order.paidBy.id !== order.buyer.id ? order.paidBy : null
  return (
    <section className="card order-item">
      <p className="order-item__who">
        <span className="order-item__role">{order.role === 'buyer' ? t('order.seller') : t('order.buyer')}</span>
        <Avatar name={other.displayName} url={other.avatarUrl} size={24} />
        <span className="order-item__name" data-testid="order-counterpart">
          {other.displayName}
        </span>
      </p>
      <Link className="order-item__product" to={`/circle/posts/${encodeURIComponent(order.postId)}`}>
        <ItemSummary
          title={order.title}
          image={order.image}
          price={format.money(order.unitPrice)}
          quantity={t('orders.quantity', { count: order.quantity })}
        />
      </Link>
      <dl className="order-sums">
        <div>
          <dt>{t('order.unitPrice')}</dt>
          <dd>{format.money(order.unitPrice)}</dd>
        </div>
        <div>
          <dt>{t('order.quantity')}</dt>
          <dd>{order.quantity}</dd>
        </div>
        <div className="order-sums__total">
          <dt>{t('order.total')}</dt>
          <dd data-testid="order-total">{format.money(order.total)}</dd>
        </div>
        {friendPaid && (
          <div>
            <dt />
            <dd>{t('order.paidBy', { name: friendPaid.displayName })}</dd>
          </div>
        )}
      </dl>
    </section>
  )
}

export function OrderMeta({ order }: { order: OrderView }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <section className="card">
      <dl className="order-sums order-sums--meta">
        <div>
          <dt>{t('order.number')}</dt>
          <dd className="order-sums__mono">{order.id}</dd>
        </div>
        <div>
          <dt>{t('order.placedAt')}</dt>
          <dd>{format.time(order.createdAt)}</dd>
        </div>
      </dl>
    </section>
  )
}
