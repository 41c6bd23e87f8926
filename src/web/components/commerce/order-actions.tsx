import { useTranslation } from 'react-i18next'
import type { OrderView } from '../../api/commerce-types.js'
import { Button } from '../button.js'

/** The sheets an order page can open, one at a time. */
export type OrderSheet = 'pay' | 'friend' | 'cancel' | 'ship' | 'confirm' | 'refund' | 'decline' | 'address' | 'share'

interface OrderAction {
  sheet: OrderSheet
  label: string
  variant: 'primary' | 'secondary'
}

/** True while the 代付 friend may still pay: the request is to me and has not run out. */
export function canPayForFriend(order: OrderView, meId: string, now = Date.now()): boolean {
  return (
    order.role === 'payer' &&
    order.status === 'created' &&
    order.payRequest?.friend.id === meId &&
    new Date(order.payRequest.expiresAt).getTime() > now
  )
}

/** Exactly what this viewer may do to the order now, the main action last (rightmost, as 淘宝 places it). */
export function useOrderActions(order: OrderView, meId: string): OrderAction[] {
  const { t } = useTranslation()
  const action = (sheet: OrderSheet, label: string, variant: OrderAction['variant'] = 'secondary') => ({
    sheet,
    label,
    variant,
  })
  const share = action('share', t('order.share'), order.status === 'completed' ? 'primary' : 'secondary')
  switch (order.role) {
    case 'buyer':
      switch (order.status) {
        case 'created':
          return [
            action('cancel', t('order.cancel')),
            action('friend', t('order.askFriend')),
            action('pay', t('order.pay'), 'primary'),
          ]
        case 'paid':
          return [action('refund', t('order.requestRefund')), share]
        case 'shipped':
          return [
            ...(order.refundRequested ? [] : [action('refund', t('order.requestRefund'))]),
            share,
            action('confirm', t('order.confirm'), 'primary'),
          ]
        case 'completed':
          return [share]
        default:
          return []
      }
    case 'seller':
      switch (order.status) {
        case 'created':
          return [action('cancel', t('order.cancel'))]
        case 'paid':
          return [action('refund', t('order.refund')), action('ship', t('order.ship'), 'primary')]
        case 'shipped':
          return order.refundRequested
            ? [action('decline', t('order.declineRefund')), action('refund', t('order.approveRefund'), 'primary')]
            : [action('refund', t('order.refund'))]
        default:
          return []
      }
    case 'payer':
      return canPayForFriend(order, meId)
        ? [action('pay', t('order.payForFriend', { name: order.buyer.displayName }), 'primary')]
        : []
  }
}

export function OrderActionBar({ actions, onOpen }: { actions: OrderAction[]; onOpen: (sheet: OrderSheet) => void }) {
  const { t } = useTranslation()
  if (actions.length === 0) return null
  return (
    <div className="action-bar action-bar--end" role="group" aria-label={t('order.actions')}>
      {actions.map(({ sheet, label, variant }) => (
        <Button key={sheet} variant={variant} className="action-bar__button" onClick={() => onOpen(sheet)}>
          {label}
        </Button>
      ))}
    </div>
  )
}
