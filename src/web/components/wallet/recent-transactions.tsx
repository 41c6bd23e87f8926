import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useRecentTransactions } from '../../api/wallet.js'
import { ChevronRightIcon } from '../icons.js'
import { Spinner } from '../spinner.js'
import { TransactionRow } from './transaction-row.js'

export function RecentTransactions() {
  const { t } = useTranslation()
  const recent = useRecentTransactions()
  const items = recent.data?.items ?? []
  return (
    <section className="card list" aria-labelledby="recent-heading">
      <div className="list__header">
        <h2 className="list__heading" id="recent-heading">
          {t('wallet.recentTitle')}
        </h2>
        <Link className="list__more" to="/wallet/history">
          {t('wallet.seeAll')}
          <ChevronRightIcon size={16} />
        </Link>
      </div>
      {recent.isPending ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : recent.isError ? (
        <p className="list-end">{recent.error.message}</p>
      ) : items.length === 0 ? (
        <p className="list-end">{t('history.emptyBody')}</p>
      ) : (
        <ul className="tx-list">
          {items.map((transaction) => (
            <TransactionRow key={transaction.id} transaction={transaction} />
          ))}
        </ul>
      )}
    </section>
  )
}
