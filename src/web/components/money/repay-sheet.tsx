import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { IouView } from '../../../shared/api/ious.js'
import { isApiError } from '../../api/api-error.js'
import { useRepayIou } from '../../api/ious.js'
import { useWallet } from '../../api/wallet.js'
import { fenToYuanText } from '../../lib/money.js'
import { PIN_ERRORS, useAmount } from '../../lib/use-amount.js'
import { useFormat } from '../../lib/use-format.js'
import { Button } from '../button.js'
import { Sheet } from '../sheet.js'
import { AmountField } from '../wallet/amount-field.js'
import { PinSheet } from '../wallet/pin-sheet.js'
import { WalletErrorAlert } from '../wallet/wallet-error-alert.js'

/** 还款: part of what is owed or all of it (interest first, as the server takes it), then the PIN. */
export function RepaySheet({ iou, onClose }: { iou: IouView; onClose: () => void }) {
  const { t } = useTranslation()
  const format = useFormat()
  const wallet = useWallet()
  const repay = useRepayIou(iou.id)
  const amount = useAmount({ available: wallet.data?.available })
  const [pinFor, setPinFor] = useState<number | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const fen = amount.take()
    if (fen === undefined) return
    repay.reset()
    setPinFor(fen)
  }

  const pay = (pin: string) => {
    if (pinFor === null) return
    repay.mutate(
      { amount: pinFor, pin },
      {
        onSuccess: onClose,
        onError: (error) => {
          if (!PIN_ERRORS.some((code) => isApiError(error, code))) setPinFor(null)
        },
      },
    )
  }

  return (
    <>
      <Sheet open={pinFor === null} onClose={onClose} title={t('iou.repayTitle')}>
        <form className="money-form" onSubmit={submit} noValidate>
          <AmountField
            value={amount.text}
            onChange={amount.setText}
            error={amount.error}
            hint={t('iou.outstandingHint', { amount: format.money(iou.outstanding) })}
            autoFocus
          />
          <Button type="button" variant="secondary" onClick={() => amount.setText(fenToYuanText(iou.outstanding))}>
            {t('iou.repayAll')}
          </Button>
          {pinFor === null && <WalletErrorAlert error={repay.error} />}
          <Button type="submit" className="button--iou" block>
            {t('iou.repay')}
          </Button>
        </form>
      </Sheet>
      <PinSheet
        open={pinFor !== null}
        onClose={() => setPinFor(null)}
        purpose={t('iou.repayPinFor', { name: iou.lender.displayName })}
        payee={iou.lender}
        amount={format.money(pinFor ?? 0)}
        onSubmit={pay}
        pending={repay.isPending}
        error={repay.error}
      />
    </>
  )
}
