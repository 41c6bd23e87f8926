import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { TransactionView } from '../../../shared/api/wallet.js'
import { isApiError } from '../../api/api-error.js'
import { useWallet, useWithdraw } from '../../api/wallet.js'
import { Button } from '../../components/button.js'
import { PageHeader } from '../../components/page-header.js'
import { AmountField } from '../../components/wallet/amount-field.js'
import { MoneyResult } from '../../components/wallet/money-result.js'
import { PinSheet } from '../../components/wallet/pin-sheet.js'
import { WalletErrorAlert } from '../../components/wallet/wallet-error-alert.js'
import { WalletGate } from '../../components/wallet/wallet-gate.js'
import { fenToYuanText } from '../../lib/money.js'
import { PIN_ERRORS, useAmount } from '../../lib/use-amount.js'
import { useFormat } from '../../lib/use-format.js'

/** 提现: an amount up to what is available, confirmed with the PIN, paid out by the (sandbox) provider. */
export function WithdrawPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const wallet = useWallet()
  const withdraw = useWithdraw()
  const available = wallet.data?.available
  const amount = useAmount({ available })
  const [pinFor, setPinFor] = useState<number | null>(null)
  const [done, setDone] = useState<TransactionView | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const fen = amount.take()
    if (fen === undefined) return
    withdraw.reset()
    setPinFor(fen)
  }

  const confirm = (pin: string) => {
    if (pinFor === null) return
    withdraw.mutate(
      { amount: pinFor, pin },
      {
        onSuccess: (result) => setDone(result.transaction),
        onError: (error) => {
          if (!PIN_ERRORS.some((code) => isApiError(error, code))) setPinFor(null)
        },
      },
    )
  }

  const content = () => {
    if (done) {
      const failed = done.status === 'voided'
      const paid = format.money(Math.abs(done.amount))
      return (
        <MoneyResult
          failed={failed}
          title={failed ? t('withdraw.failedTitle') : t('withdraw.doneTitle')}
          amount={paid}
          body={failed ? t('withdraw.failedBody', { amount: paid }) : t('withdraw.doneBody', { amount: paid })}
        >
          <Link className="button button--primary button--block" to="/wallet">
            <span>{t('wallet.backToWallet')}</span>
          </Link>
        </MoneyResult>
      )
    }
    return (
      <>
        <form className="card form" onSubmit={submit} noValidate>
          <AmountField
            value={amount.text}
            onChange={amount.setText}
            error={amount.error}
            autoFocus
            hint={
              available !== undefined && (
                <>
                  <span>{t('withdraw.availableLine', { amount: format.money(available) })}</span>
                  {available > 0 && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => amount.setText(fenToYuanText(available))}
                    >
                      {t('withdraw.all')}
                    </button>
                  )}
                  {wallet.data?.sandbox && <span className="badge badge--sandbox">{t('wallet.sandbox')}</span>}
                </>
              )
            }
          />
          {pinFor === null && <WalletErrorAlert error={withdraw.error} />}
          <Button type="submit" block>
            {t('withdraw.submit')}
          </Button>
        </form>
        <PinSheet
          open={pinFor !== null}
          onClose={() => setPinFor(null)}
          purpose={t('withdraw.pinFor')}
          amount={format.money(pinFor ?? 0)}
          onSubmit={confirm}
          pending={withdraw.isPending}
          error={withdraw.error}
        />
      </>
    )
  }

  return (
    <div className="page">
      <PageHeader title={t('withdraw.title')} backTo="/wallet" />
      <WalletGate needsPin>{content()}</WalletGate>
    </div>
  )
}
