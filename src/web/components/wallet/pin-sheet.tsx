import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { PersonView } from '../../../shared/api/social.js'
import { isApiError } from '../../api/api-error.js'
import { Avatar } from '../avatar.js'
import { PinBoxes } from '../pin-boxes.js'
import { Sheet } from '../sheet.js'
import { Spinner } from '../spinner.js'
import { WalletErrorAlert } from './wallet-error-alert.js'

interface PinSheetProps {
  open: boolean
  onClose: () => void
  /** What the payer is confirming, e.g. "向 阿杰 转账"; any name in it comes from the server. */
  purpose: string
  /** Who receives the money, from the server's own view of them: never from the URL. */
  payee?: PersonView | undefined
  amount: string
  /** Sends the payment with this PIN; rejects with the ApiError to show. */
  onSubmit: (pin: string) => void
  pending: boolean
  error: unknown
}

/** 输入支付密码: the sheet that confirms a payment, as Alipay's. Six digits in, the payment goes at once. */
export function PinSheet({ open, onClose, purpose, payee, amount, onSubmit, pending, error }: PinSheetProps) {
  const { t } = useTranslation()
  const purposeId = useId()
  const [pin, setPin] = useState('')
  const [submitted, setSubmitted] = useState<unknown>(null)
  // A new error (a wrong PIN) empties the boxes for the next try.
  if (error && error !== submitted) {
    setSubmitted(error)
    setPin('')
  }
  const locked = isApiError(error, 'PIN_LOCKED') || isApiError(error, 'PIN_NOT_SET')

  return (
    <Sheet
      open={open}
      title={t('pinSheet.title')}
      labelledBy={purposeId}
      onClose={() => {
        setPin('')
        onClose()
      }}
    >
      <div className="pin-sheet">
        <p className="pin-sheet__purpose" id={purposeId}>
          {purpose}
        </p>
        {payee && (
          <p className="pin-sheet__payee">
            <Avatar name={payee.displayName} url={payee.avatarUrl} size={24} />
            <span className="visually-hidden">{t('pinSheet.payee')} </span>
            <span className="pin-sheet__payee-name" data-testid="pin-sheet-payee">
              {payee.displayName}
              {payee.maskedName ? ` (${payee.maskedName})` : ''}
            </span>
          </p>
        )}
        <p className="pin-sheet__amount" data-testid="pin-sheet-amount">
          {amount}
        </p>
        <PinBoxes
          value={pin}
          onChange={setPin}
          onComplete={onSubmit}
          label={t('pinSheet.title')}
          progressLabel={t('pinSheet.progress', { entered: pin.length })}
          invalid={Boolean(error)}
          disabled={pending || locked}
          autoFocus
        />
        <div className="pin-sheet__status">{pending && <Spinner label={t('common.loading')} />}</div>
        <WalletErrorAlert error={error} />
        <p className="pin-sheet__forgot">
          <Link to="/me/pin/forgot">{t('pinSheet.forgot')}</Link>
        </p>
      </div>
    </Sheet>
  )
}
