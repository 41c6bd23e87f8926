import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ADDRESS_MAX, TRACKING_NOTE_MAX } from '../../../shared/api/commerce.js'
import { isApiError } from '../../api/api-error.js'
import {
  useAskFriendToPay,
  useCancelOrder,
  useConfirmReceipt,
  useDeclineRefund,
  usePayOrder,
  useRefund,
  useShipOrder,
  useUpdateAddress,
} from '../../api/commerce.js'
import type { OrderView } from '../../api/commerce-types.js'
import { PIN_ERRORS } from '../../lib/use-amount.js'
import { useFormat } from '../../lib/use-format.js'
import { ConfirmSheet } from '../confirm-sheet.js'
import { PinSheet } from '../wallet/pin-sheet.js'
import { WalletErrorAlert } from '../wallet/wallet-error-alert.js'
import { FriendPaySheet } from './friend-pay-sheet.js'
import type { OrderSheet } from './order-actions.js'
import { ShareSheet } from './share-sheet.js'
import { TextSheet } from './text-sheet.js'

const REFUND_REASON_MAX = 200

interface OrderSheetsProps {
  order: OrderView
  sheet: OrderSheet | null
  onSheet: (sheet: OrderSheet | null) => void
}

/**
 * Every sheet of the order page and the mutation behind it. A failure that is not about the PIN closes its sheet
 * and shows here, on the page, with the server's words (and the way to fix a missing real name or PIN).
 */
export function OrderSheets({ order, sheet, onSheet }: OrderSheetsProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const id = order.id
  const amount = format.money(order.total)
  const pay = usePayOrder()
  const confirm = useConfirmReceipt()
  const refund = useRefund()
  const askFriend = useAskFriendToPay()
  const cancel = useCancelOrder()
  const ship = useShipOrder()
  const decline = useDeclineRefund()
  const address = useUpdateAddress()
  const [pageError, setPageError] = useState<unknown>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const close = () => {
    for (const mutation of [confirm, refund, askFriend, cancel, ship, decline, address]) mutation.reset()
    onSheet(null)
  }
  const done = () => {
    setPageError(null)
    close()
  }

  const payWith = (pin: string) =>
    pay.mutate(
      { id, pin },
      {
        onSuccess: done,
        onError: (error) => {
          if (PIN_ERRORS.some((code) => isApiError(error, code))) return
          setPageError(error)
          onSheet(null)
        },
      },
    )

  const seller = order.role === 'seller'
  const refundBody = seller
    ? t('order.sellerRefundBody', { amount, name: (order.paidBy ?? order.buyer).displayName })
    : order.status === 'paid'
      ? t('order.refundNow', { amount })
      : t('order.refundAsk')

  return (
    <>
      <WalletErrorAlert error={pageError} />
      <p className="order-notice" role="status">
        {notice}
      </p>
      <PinSheet
        open={sheet === 'pay'}
        onClose={() => {
          pay.reset()
          onSheet(null)
        }}
        purpose={
          order.role === 'payer'
            ? t('order.pinForFriend', { name: order.buyer.displayName })
            : t('order.pinFor', { title: order.title })
        }
        payee={order.seller}
        amount={amount}
        onSubmit={payWith}
        pending={pay.isPending}
        error={pay.error}
      />
      {sheet === 'friend' && (
        <FriendPaySheet
          open
          current={order.payRequest?.friend.id}
          pending={askFriend.isPending}
          error={askFriend.error}
          onSubmit={(friendId) => askFriend.mutate({ id, friendId }, { onSuccess: done })}
          onClose={close}
        />
      )}
      <ConfirmSheet
        open={sheet === 'cancel'}
        title={t('order.cancelTitle')}
        body={t('order.cancelBody')}
        confirmLabel={t('order.cancel')}
        pending={cancel.isPending}
        error={cancel.error}
        onClose={close}
        onConfirm={() => cancel.mutate({ id }, { onSuccess: done })}
      />
      <ConfirmSheet
        open={sheet === 'confirm'}
        title={t('order.confirmTitle')}
        body={t('order.confirmBody', { amount, name: order.seller.displayName })}
        confirmLabel={t('order.confirm')}
        tone="primary"
        pending={confirm.isPending}
        error={confirm.error}
        onClose={close}
        onConfirm={() => confirm.mutate({ id }, { onSuccess: done })}
      />
      <ConfirmSheet
        open={sheet === 'decline'}
        title={t('order.declineTitle')}
        body={t('order.declineBody')}
        confirmLabel={t('order.declineRefund')}
        pending={decline.isPending}
        error={decline.error}
        onClose={close}
        onConfirm={() => decline.mutate({ id }, { onSuccess: done })}
      />
      {sheet === 'refund' && (
        <TextSheet
          open
          title={seller ? t('order.sellerRefundTitle') : t('order.refundTitle')}
          body={refundBody}
          label={t('order.reason')}
          placeholder={t('order.reasonPlaceholder')}
          maxLength={REFUND_REASON_MAX}
          submitLabel={seller ? t('order.sellerRefundSubmit', { amount }) : t('order.refundSubmit')}
          danger={seller}
          pending={refund.isPending}
          error={refund.error}
          onSubmit={(reason) => refund.mutate({ id, ...(reason ? { reason } : {}) }, { onSuccess: done })}
          onClose={close}
        />
      )}
      {sheet === 'ship' && (
        <TextSheet
          open
          title={t('order.shipTitle')}
          label={t('order.trackingNote')}
          placeholder={t('order.trackingPlaceholder')}
          maxLength={TRACKING_NOTE_MAX}
          submitLabel={t('order.shipSubmit')}
          pending={ship.isPending}
          error={ship.error}
          onSubmit={(trackingNote) =>
            ship.mutate({ id, ...(trackingNote ? { trackingNote } : {}) }, { onSuccess: done })
          }
          onClose={close}
        />
      )}
      {sheet === 'address' && (
        <TextSheet
          open
          multiline
          title={t('order.addressTitle')}
          label={t('buy.address')}
          placeholder={t('buy.addressPlaceholder')}
          initial={order.shippingAddress ?? ''}
          maxLength={ADDRESS_MAX}
          requiredMessage={t('buy.addressRequired')}
          submitLabel={t('common.save')}
          pending={address.isPending}
          error={address.error}
          onSubmit={(shippingAddress) =>
            shippingAddress && address.mutate({ id, shippingAddress }, { onSuccess: done })
          }
          onClose={close}
        />
      )}
      {sheet === 'share' && (
        <ShareSheet
          open
          order={order}
          onClose={close}
          onShared={() => {
            setNotice(t('order.shared'))
            done()
          }}
        />
      )}
    </>
  )
}
