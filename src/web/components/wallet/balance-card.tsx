import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useWallet } from '../../api/wallet.js'
import { useFormat } from '../../lib/use-format.js'
import { Button } from '../button.js'
import { ArrowDownIcon, ArrowUpIcon, ReceiveIcon, TransferIcon } from '../icons.js'

const ACTIONS: {
  to: string
  key: 'topUp' | 'transfer' | 'request' | 'withdraw'
  Icon: ComponentType<{ size?: number }>
}[] = [
  { to: '/wallet/top-up', key: 'topUp', Icon: ArrowDownIcon },
  { to: '/wallet/transfer', key: 'transfer', Icon: TransferIcon },
  { to: '/wallet/request', key: 'request', Icon: ReceiveIcon },
  { to: '/wallet/withdraw', key: 'withdraw', Icon: ArrowUpIcon },
]

/** The balance, large, with the four things one does with it. */
export function BalanceCard() {
  const { t } = useTranslation()
  const format = useFormat()
  const wallet = useWallet()
  const data = wallet.data

  return (
    <section className="balance-card" aria-labelledby="balance-label">
      <div className="balance-card__top">
        <h2 className="balance-card__label" id="balance-label">
          {t('wallet.balance')}
        </h2>
        {data?.sandbox && <span className="badge badge--on-brand">{t('wallet.sandbox')}</span>}
      </div>
      {data ? (
        <>
          <p className="balance-card__amount" data-testid="balance">
            {format.money(data.balance)}
          </p>
          {data.available !== data.balance && (
            <p className="balance-card__available">{t('wallet.available', { amount: format.money(data.available) })}</p>
          )}
        </>
      ) : wallet.isError ? (
        <div className="balance-card__error">
          <p>{wallet.error.message}</p>
          <Button variant="secondary" onClick={() => void wallet.refetch()}>
            {t('common.retry')}
          </Button>
        </div>
      ) : (
        <p className="balance-card__amount balance-card__amount--loading" aria-busy="true">
          <span className="skeleton" />
        </p>
      )}
      <nav className="wallet-actions" aria-label={t('wallet.actions')}>
        {ACTIONS.map(({ to, key, Icon }) => (
          <Link key={key} to={to} className="wallet-actions__item">
            <span className="wallet-actions__icon">
              <Icon size={22} />
            </span>
            {t(`wallet.${key}`)}
          </Link>
        ))}
      </nav>
    </section>
  )
}
