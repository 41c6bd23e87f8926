import { useTranslation } from 'react-i18next'
import { ChartIcon } from '../../components/icons.js'
import { ListRow } from '../../components/list-row.js'
import { NotificationBell } from '../../components/notification-bell.js'
import { PageHeader } from '../../components/page-header.js'
import { BalanceCard } from '../../components/wallet/balance-card.js'
import { IncomingRequests } from '../../components/wallet/incoming-requests.js'
import { RecentTransactions } from '../../components/wallet/recent-transactions.js'
import { WalletGate } from '../../components/wallet/wallet-gate.js'

/** The Wallet tab: balance and actions, requests waiting for me, the bill and the latest transactions. */
export function WalletPage() {
  const { t } = useTranslation()
  return (
    <div className="page">
      <PageHeader leading={<NotificationBell />} title={t('wallet.title')} />
      <WalletGate>
        <BalanceCard />
        <IncomingRequests />
        <section className="card list bill-entry">
          <ListRow
            icon={<ChartIcon size={20} />}
            label={t('wallet.billEntry', { year: new Date().getFullYear() })}
            value={<span className="muted">{t('wallet.billEntryHint')}</span>}
            to="/wallet/bill"
          />
        </section>
        <RecentTransactions />
      </WalletGate>
    </div>
  )
}
