import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { TransactionView } from '../../../shared/api/wallet.js'
import { useTopUp } from '../../api/wallet.js'
import { Button } from '../../components/button.js'
import { ShieldIcon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { AmountField } from '../../components/wallet/amount-field.js'
import { MoneyResult } from '../../components/wallet/money-result.js'
import { WalletErrorAlert } from '../../components/wallet/wallet-error-alert.js'
import { WalletGate } from '../../components/wallet/wallet-gate.js'
import { fenToYuanText, parseYuanToFen } from '../../lib/money.js'
import { useAmount } from '../../lib/use-amount.js'
import { useFormat } from '../../lib/use-format.js'

const QUICK_PICKS_FEN = [5_000, 10_000, 50_000]

export function TopUpPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const topUp = useTopUp()
  const amount = useAmount()
  const [done, setDone] = useState<TransactionView | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const fen = amount.take()
    if (fen === undefined) return
    topUp.mutate({ amount: fen }, { onSuccess: (result) => setDone(result.transaction) })
  }

  const typed = parseYuanToFen(amount.text)
  return (
    <div className="page">
      <PageHeader title={t('topUp.title')} backTo="/wallet" />
      <WalletGate>
        {done ? (
          <MoneyResult
            title={t('topUp.doneTitle')}
            amount={format.money(done.amount)}
            body={t('topUp.doneBody', { amount: format.money(done.amount) })}
          >
            <Link className="button button--primary button--block" to="/wallet">
              <span>{t('wallet.backToWallet')}</span>
            </Link>
          </MoneyResult>
        ) : (
          <>
            <section className="card notice notice--sandbox">
              <h2 className="notice__title">
                <ShieldIcon size={20} />
                {t('topUp.sandboxTitle')}
              </h2>
              <p>{t('topUp.sandboxNotice')}</p>
            </section>
            <form className="card form" onSubmit={submit} noValidate>
              <AmountField value={amount.text} onChange={amount.setText} error={amount.error} autoFocus />
              <div className="chips" role="group" aria-label={t('amount.quickPick')}>
                {QUICK_PICKS_FEN.map((fen) => (
                  <button
                    key={fen}
                    type="button"
                    className="chip"
                    aria-pressed={typed === fen}
                    onClick={() => amount.setText(fenToYuanText(fen))}
                  >
                    {format.money(fen, { short: true })}
                  </button>
                ))}
              </div>
              <WalletErrorAlert error={topUp.error} />
              <Button type="submit" block pending={topUp.isPending}>
                {typed && typed > 0 ? t('topUp.submit', { amount: format.money(typed) }) : t('topUp.submitEmpty')}
              </Button>
            </form>
          </>
        )}
      </WalletGate>
    </div>
  )
}
