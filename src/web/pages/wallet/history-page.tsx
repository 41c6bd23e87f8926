import { useTranslation } from 'react-i18next'
import type { TransactionView } from '../../../shared/api/wallet.js'
import { useTransactionHistory } from '../../api/wallet.js'
import { Button } from '../../components/button.js'
import { EmptyState } from '../../components/empty-state.js'
import { WalletIcon } from '../../components/icons.js'
import { InfiniteSentinel } from '../../components/infinite-sentinel.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'
import { TransactionRow } from '../../components/wallet/transaction-row.js'
import { WalletGate } from '../../components/wallet/wallet-gate.js'
import { monthKey } from '../../lib/dates.js'
import { useFormat } from '../../lib/use-format.js'

/** Consecutive transactions of the same month, in list order (newest first). */
function byMonth(items: TransactionView[]): { month: string; items: TransactionView[] }[] {
  const groups: { month: string; items: TransactionView[] }[] = []
  for (const item of items) {
    const month = monthKey(item.createdAt)
    const last = groups.at(-1)
    if (last?.month === month) last.items.push(item)
    else groups.push({ month, items: [item] })
  }
  return groups
}

export function HistoryPage() {
  const { t } = useTranslation()
  return (
    <div className="page">
      <PageHeader title={t('history.title')} backTo="/wallet" />
      <WalletGate>
        <History />
      </WalletGate>
    </div>
  )
}

function History() {
  const { t } = useTranslation()
  const format = useFormat()
  const history = useTransactionHistory()
  const thisMonth = monthKey(new Date().toISOString())

  if (history.isPending) {
    return (
      <div className="list-end">
        <Spinner label={t('common.loading')} />
      </div>
    )
  }
  if (history.isError) {
    return (
      <div className="list-end">
        <p>{history.error.message}</p>
        <Button variant="secondary" onClick={() => void history.refetch()}>
          {t('common.retry')}
        </Button>
      </div>
    )
  }
  const items = history.data.pages.flatMap((page) => page.items)
  if (items.length === 0) {
    return <EmptyState icon={<WalletIcon size={40} />} title={t('history.emptyTitle')} body={t('history.emptyBody')} />
  }
  return (
    <>
      {byMonth(items).map((group) => (
        <section key={group.month} className="card list month-group" aria-labelledby={`month-${group.month}`}>
          <h2 className="month-group__heading" id={`month-${group.month}`}>
            {group.month === thisMonth ? t('history.thisMonth') : format.month(group.month)}
          </h2>
          <ul className="tx-list">
            {group.items.map((transaction) => (
              <TransactionRow key={transaction.id} transaction={transaction} />
            ))}
          </ul>
        </section>
      ))}
      <InfiniteSentinel
        hasMore={history.hasNextPage}
        loading={history.isFetchingNextPage}
        onMore={() => void history.fetchNextPage()}
        endLabel={t('history.end')}
      />
    </>
  )
}
